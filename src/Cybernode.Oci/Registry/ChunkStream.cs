using Cybernode.Oci.Streams;

namespace Cybernode.Oci.Registry;

/// <summary>
/// The next <c>length</c> bytes of a stream, leaving it open: one PATCH of a chunked upload, or the
/// body of a monolithic one (an HTTP content disposes its stream, the upload's source must stay open).
/// </summary>
internal sealed class ChunkStream(Stream inner, long length) : ReadOnlyStream
{
    private long _read;

    public override long Length => length;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer[..Allowed(buffer.Length)]));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken));

    private int Allowed(int wanted) => (int)Math.Min(wanted, length - _read);

    private int Count(int read)
    {
        _read += read;
        return read;
    }
}
