using Cybernode.Oci.FileSystem;
using Cybernode.Oci.Streams;

namespace Cybernode.Oci.Transports;

/// <summary>A read-only view of <c>length</c> bytes of a file from <c>offset</c>: one entry inside a tar archive.</summary>
internal sealed class WindowStream : ReadOnlyStream
{
    private readonly FileStream _file;
    private readonly long _length;
    private long _position;

    public WindowStream(string path, long offset, long length)
    {
        _file = RegularFile.OpenRead(path);
        _file.Position = offset;
        _length = length;
    }

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        var read = _file.Read(buffer[..Allowed(buffer.Length)]);
        _position += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _file.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken);
        _position += read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        await base.DisposeAsync();
    }

    private int Allowed(int wanted) => (int)Math.Min(wanted, _length - _position);
}
