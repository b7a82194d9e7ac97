using System.Formats.Tar;
using Cybernode.Dockerfile.Ignore;
using Cybernode.Oci;
using Cybernode.Oci.FileSystem;

namespace Cybernode.Providers.Docker;

/// <summary>
/// A build context written as a tar stream, filtered by .dockerignore rules, the way the docker
/// client packs a context folder (files owned by 0:0, their mode and time kept), for the legacy
/// builder, which takes no ignore file of cybernode's: its <c>docker build -</c> reads the tar from
/// standard input. One file at a time, so memory stays constant whatever the context holds.
/// </summary>
internal static class ContextTar
{
    private const string IgnoreFileName = ".dockerignore";

    /// <param name="root">The context folder.</param>
    /// <param name="dockerfile">The Dockerfile's path in the context: sent first, whatever the rules say.</param>
    /// <param name="ignore">What is left out.</param>
    /// <remarks>
    /// The docker client tells a tar from a Dockerfile on stdin by parsing the first 512 bytes as a
    /// tar header, so the first entry must be a plain one: GNU format (a PAX entry starts with an
    /// extended header the client cannot read alone), and the Dockerfile first, whose name is short.
    /// .dockerignore is sent whatever the rules say too, as the docker client does: the daemon reads
    /// it to drop the two if the rules leave them out.
    /// </remarks>
    public static async Task WriteAsync(string root, string dockerfile, DockerIgnore ignore, Stream output, CancellationToken cancellationToken)
    {
        await using var tar = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true);
        await WriteItemAsync(tar, FileKind.Regular, dockerfile, Path.Combine(root, dockerfile), cancellationToken);
        await WriteFolderAsync(tar, root, "", ignore, dockerfile, cancellationToken);
    }

    private static async Task WriteFolderAsync(TarWriter tar, string root, string folder, DockerIgnore ignore, string dockerfile, CancellationToken cancellationToken)
    {
        var names = Directory.EnumerateFileSystemEntries(Path.Combine(root, folder)).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var relative = folder.Length == 0 ? name! : $"{folder}/{name}";
            var full = Path.Combine(root, relative);
            var kind = RegularFile.KindOf(full, followLinks: false);
            var excluded = ignore.IsExcluded(relative) && relative != IgnoreFileName;
            if (kind == FileKind.Directory)
            {
                if (!excluded)
                {
                    await tar.WriteEntryAsync(Entry(TarEntryType.Directory, relative + "/", full), cancellationToken);
                }

                if (!excluded || ignore.MayHaveIncludedDescendants(relative))
                {
                    await WriteFolderAsync(tar, root, relative, ignore, dockerfile, cancellationToken);
                }
            }
            else if (!excluded && relative != dockerfile)
            {
                await WriteItemAsync(tar, kind, relative, full, cancellationToken);
            }
        }
    }

    /// <summary>Regular files and links; FIFOs, sockets and devices are left out, as nothing a build copies can be one.</summary>
    private static async Task WriteItemAsync(TarWriter tar, FileKind kind, string relative, string full, CancellationToken cancellationToken)
    {
        if (kind == FileKind.SymbolicLink)
        {
            var link = Entry(TarEntryType.SymbolicLink, relative, full);
            link.LinkName = File.ResolveLinkTarget(full, returnFinalTarget: false)?.ToString() ?? "";
            await tar.WriteEntryAsync(link, cancellationToken);
            return;
        }

        if (kind != FileKind.Regular)
        {
            return;
        }

        var entry = Entry(TarEntryType.RegularFile, relative, full);
        try
        {
            await using var content = RegularFile.OpenRead(full);
            entry.DataStream = content;
            await tar.WriteEntryAsync(entry, cancellationToken);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or StorageException)
        {
            throw new ProviderException($"cannot read {full} for the build context: {e.Message}", "make it readable, or leave it out of the context with .dockerignore", e);
        }
    }

    private static GnuTarEntry Entry(TarEntryType type, string name, string full)
    {
        var info = new FileInfo(full);
        return new GnuTarEntry(type, name)
        {
            Mode = type == TarEntryType.SymbolicLink ? (UnixFileMode)511 : info.UnixFileMode,
            ModificationTime = info.LastWriteTimeUtc,
            Uid = 0,
            Gid = 0,
        };
    }
}
