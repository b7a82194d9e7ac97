using Cybernode.Oci.Store;

namespace Cybernode.Oci.Transports;

/// <summary>
/// Writes a file beside its target and renames it into place, so a failed write leaves no half
/// file behind: the temp file is deleted on every failure, held locked while written, and a later
/// write to the same folder removes one that a killed process left.
/// </summary>
internal sealed class AtomicFile(string target) : ArchiveOutput
{
    public override string Location { get; } = Path.GetFullPath(target);

    public override string ScratchFolder => Path.GetDirectoryName(Location)!;

    public override async Task WriteAsync(Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(ScratchFolder);
        TempFiles.RemoveStale(ScratchFolder, System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime());
        var temp = TempFiles.NewPath(ScratchFolder);
        try
        {
            await using var file = CreateTemp(temp, Location);
            await WriteBufferedAsync(file, write, cancellationToken);
            TempFiles.Sync(file, Location);

            // Renamed while still open and locked, so no sweep can take it for a dead writer's file.
            File.Move(temp, Location, overwrite: true);
        }
        catch
        {
            TempFiles.Discard(temp);
            throw;
        }
    }

    /// <summary>Creates a locked temp file; a full disk is reported against <paramref name="shownPath"/>.</summary>
    public static FileStream CreateTemp(string temp, string shownPath)
    {
        try
        {
            return TempFiles.Create(temp);
        }
        catch (IOException e) when (StorageException.IsDiskFull(e))
        {
            throw StorageException.DiskFull(shownPath, e);
        }
    }
}
