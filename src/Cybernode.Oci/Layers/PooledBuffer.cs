using System.Buffers;

namespace Cybernode.Oci.Layers;

/// <summary>A growable in-memory write stream on a pooled array, returned to the pool when disposed: no large-object allocation per compressed block.</summary>
internal sealed class PooledBuffer(int capacity) : Stream
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(capacity);
    private int _length;

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_length + buffer.Length > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + buffer.Length));
            Span.CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    /// <summary>Only shortens: drops what was written after <paramref name="value"/> bytes.</summary>
    public override void SetLength(long value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, _length);
        _length = (int)value;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }

        base.Dispose(disposing);
    }
}
