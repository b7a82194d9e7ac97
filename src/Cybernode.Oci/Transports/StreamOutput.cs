namespace Cybernode.Oci.Transports;

/// <summary>
/// An archive written straight into something that is not a regular file: standard output, a FIFO
/// or a device. Nothing is renamed; a failure part way leaves what was written, as any stream would.
/// </summary>
internal sealed class StreamOutput(string location, Func<Stream> open) : ArchiveOutput
{
    public override string Location { get; } = location;

    public override string ScratchFolder => Path.GetTempPath();

    public override async Task WriteAsync(Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        await using var stream = Open();
        await WriteBufferedAsync(stream, write, cancellationToken);
    }

    private Stream Open()
    {
        try
        {
            return open();
        }
        catch (IOException e)
        {
            throw new StorageException($"{Location}: cannot open it for writing: {e.Message}", "check the path and its permissions", e);
        }
    }
}
