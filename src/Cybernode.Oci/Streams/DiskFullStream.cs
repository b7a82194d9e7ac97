namespace Cybernode.Oci.Streams;

/// <summary>
/// Passes writes on and turns a full disk into one <see cref="StorageException"/> naming
/// <paramref name="path"/> (the store or output the user gave), not the temporary file being written.
/// </summary>
public sealed class DiskFullStream(Stream inner, string path) : WriteOnlyStream(inner)
{
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            Inner.Write(buffer);
        }
        catch (IOException e) when (StorageException.IsDiskFull(e))
        {
            throw StorageException.DiskFull(path, e);
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await Inner.WriteAsync(buffer, cancellationToken);
        }
        catch (IOException e) when (StorageException.IsDiskFull(e))
        {
            throw StorageException.DiskFull(path, e);
        }
    }

    public override void Flush()
    {
        try
        {
            Inner.Flush();
        }
        catch (IOException e) when (StorageException.IsDiskFull(e))
        {
            throw StorageException.DiskFull(path, e);
        }
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Inner.FlushAsync(cancellationToken);
        }
        catch (IOException e) when (StorageException.IsDiskFull(e))
        {
            throw StorageException.DiskFull(path, e);
        }
    }
}
