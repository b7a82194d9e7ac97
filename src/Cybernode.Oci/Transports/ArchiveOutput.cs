using Cybernode.Oci.FileSystem;

namespace Cybernode.Oci.Transports;

/// <summary>
/// Where an archive is written. A regular file (or a path where none is yet) is written beside
/// itself and renamed into place; a FIFO, a device or standard output (<c>-</c>) is written to
/// directly as a stream, never replaced by a file. Anything else is refused before writing.
/// </summary>
public abstract class ArchiveOutput
{
    public const string StandardOutput = "-";

    /// <summary>The path as the user gave it, for messages.</summary>
    public abstract string Location { get; }

    /// <summary>A folder for scratch files on the way (layers a docker-archive needs the size of).</summary>
    public abstract string ScratchFolder { get; }

    public abstract Task WriteAsync(Func<Stream, Task> write, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="write"/> on a buffer over <paramref name="target"/>, whose full disk is named by <see cref="Location"/>.</summary>
    protected async Task WriteBufferedAsync(Stream target, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        await using var buffered = new BufferedStream(new Streams.DiskFullStream(target, Location), 1 << 16);
        await write(buffered);
        await buffered.FlushAsync(cancellationToken);
    }

    public static ArchiveOutput For(string path)
    {
        if (path == StandardOutput)
        {
            return new StreamOutput(StandardOutput, () => Console.OpenStandardOutput());
        }

        var full = Path.GetFullPath(path);
        var kind = RegularFile.KindOf(full, followLinks: true);
        return kind switch
        {
            // A link is followed, as a shell's '>' would: the file it leads to is replaced, the link kept.
            FileKind.Missing or FileKind.Regular => new AtomicFile(FinalTarget(full)),
            FileKind.Fifo or FileKind.CharacterDevice or FileKind.BlockDevice =>
                new StreamOutput(full, () => new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 0)),
            FileKind.Directory => throw new StorageException(
                $"{full} is a folder: an archive is written to a file", "give a file name (e.g. -o image.tar), or --format oci to write a layout folder"),
            _ => throw new StorageException($"{full} is {RegularFile.Describe(kind)}: an archive cannot be written there", "give a file name, '-' for standard output, a FIFO or a device"),
        };
    }

    private static string FinalTarget(string path) =>
        RegularFile.KindOf(path, followLinks: false) == FileKind.SymbolicLink && File.ResolveLinkTarget(path, returnFinalTarget: true) is { } target
            ? target.FullName
            : path;
}
