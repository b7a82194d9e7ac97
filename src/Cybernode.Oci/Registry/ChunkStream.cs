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

    // At the chunk's end the inner stream is not asked at all: an empty read would tell a verifying
    // stream that the blob ended there.
    public override int Read(Span<byte> buffer) => Allowed(buffer.Length) is var allowed && allowed == 0 ? 0 : Count(inner.Read(buffer[..allowed]));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Allowed(buffer.Length) is var allowed && allowed == 0 ? 0 : Count(await inner.ReadAsync(buffer[..allowed], cancellationToken));

    private int Allowed(int wanted) => (int)Math.Min(wanted, length - _read);

    private int Count(int read)
    {
        _read += read;
        return read;
    }
}
