using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Cybernode.Oci.Layers;

/// <summary>
/// A write-only stream that gzips what is written on every core, as pigz does: the data is cut into
/// blocks of <see cref="BlockSize"/>, each block deflated on its own and ended on a byte boundary
/// (a sync flush), and the blocks are joined in order as one gzip member, whose CRC-32 and length
/// are computed as the data passes. A block that deflate cannot shrink (random or already compressed
/// data) is written as stored blocks instead. The bytes depend only on the data: never on how
/// many blocks were compressed at once, so a layer's digest is the same on every machine.
/// </summary>
public sealed class ParallelGzipStream : Stream
{
    /// <summary>Fixed for reproducible output; large enough that starting a deflater per block costs little.</summary>
    public const int BlockSize = 1 << 20;

    // RFC 1952: magic, deflate, no flags, no mtime, no extra flags, OS unknown.
    private static readonly byte[] Header = [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff];

    // An empty stored block with BFINAL set: the end of the deflate stream.
    private static readonly byte[] FinalBlock = [0x01, 0x00, 0x00, 0xff, 0xff];

    private const int MaxStoredLength = ushort.MaxValue;

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly int _maxInFlight;
    private readonly Queue<Task<PooledBuffer>> _inFlight = new();
    private readonly Crc32 _crc = new();
    private byte[] _block = ArrayPool<byte>.Shared.Rent(BlockSize);
    private int _filled;
    private long _length;
    private bool _headerWritten;
    private bool _finished;

    /// <param name="parallelism">How many blocks may be compressed at once; the output is the same for any value.</param>
    public ParallelGzipStream(Stream output, bool leaveOpen = false, int? parallelism = null)
    {
        _output = output;
        _leaveOpen = leaveOpen;
        var workers = Math.Max(1, parallelism ?? Environment.ProcessorCount);

        // One block more than the workers so that the writer fills the next while all of them compress.
        _maxInFlight = workers + 1;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_finished;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            buffer = Fill(buffer);
            if (_filled == BlockSize)
            {
                Submit();
                while (_inFlight.Count >= _maxInFlight)
                {
                    WriteOldest();
                }
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var taken = Math.Min(buffer.Length, BlockSize - _filled);
            Fill(buffer.Span[..taken]);
            buffer = buffer[taken..];
            if (_filled == BlockSize)
            {
                Submit();
                while (_inFlight.Count >= _maxInFlight)
                {
                    await WriteOldestAsync(cancellationToken);
                }
            }
        }
    }

    /// <summary>Compressed blocks are written as soon as they are done; a block still being filled waits for more data or the end.</summary>
    public override void Flush() => _output.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _output.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_finished)
        {
            try
            {
                Finish();
            }
            finally
            {
                Release();
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            try
            {
                await FinishAsync();
            }
            finally
            {
                Release();
            }
        }

        // Finished by now, so the synchronous Dispose it calls has nothing left to write.
        await base.DisposeAsync();
    }

    private ReadOnlySpan<byte> Fill(ReadOnlySpan<byte> buffer)
    {
        var taken = Math.Min(buffer.Length, BlockSize - _filled);
        buffer[..taken].CopyTo(_block.AsSpan(_filled));
        _filled += taken;
        return buffer[taken..];
    }

    private void Submit()
    {
        var block = _block;
        var length = _filled;
        _crc.Append(block.AsSpan(0, length));
        _length += length;
        _inFlight.Enqueue(Task.Run(() => CompressBlock(block, length)));
        _block = ArrayPool<byte>.Shared.Rent(BlockSize);
        _filled = 0;
    }

    private void Finish()
    {
        if (_filled > 0)
        {
            Submit();
        }

        while (_inFlight.Count > 0)
        {
            WriteOldest();
        }

        WriteHeaderOnce();
        _output.Write(FinalBlock);
        _output.Write(Trailer());
        _finished = true;
        if (!_leaveOpen)
        {
            _output.Dispose();
        }
    }

    private async Task FinishAsync()
    {
        if (_filled > 0)
        {
            Submit();
        }

        while (_inFlight.Count > 0)
        {
            await WriteOldestAsync(CancellationToken.None);
        }

        await WriteHeaderOnceAsync(CancellationToken.None);
        await _output.WriteAsync(FinalBlock);
        await _output.WriteAsync(Trailer());
        _finished = true;
        if (!_leaveOpen)
        {
            await _output.DisposeAsync();
        }
    }

    private byte[] Trailer()
    {
        var trailer = new byte[8];
        _crc.GetCurrentHash(trailer.AsSpan(0, 4));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(4), unchecked((uint)_length));
        return trailer;
    }

    private void WriteOldest()
    {
        WriteHeaderOnce();
        using var compressed = _inFlight.Dequeue().GetAwaiter().GetResult();
        _output.Write(compressed.Span);
    }

    private async Task WriteOldestAsync(CancellationToken cancellationToken)
    {
        await WriteHeaderOnceAsync(cancellationToken);
        using var compressed = await _inFlight.Dequeue();
        await _output.WriteAsync(compressed.Memory, cancellationToken);
    }

    private void WriteHeaderOnce()
    {
        if (!_headerWritten)
        {
            _output.Write(Header);
            _headerWritten = true;
        }
    }

    private async Task WriteHeaderOnceAsync(CancellationToken cancellationToken)
    {
        if (!_headerWritten)
        {
            await _output.WriteAsync(Header, cancellationToken);
            _headerWritten = true;
        }
    }

    /// <summary>Blocks still compressing when the stream is abandoned finish on their own; their buffers go back to the pool.</summary>
    private void Release()
    {
        _finished = true;
        ArrayPool<byte>.Shared.Return(_block);
        while (_inFlight.TryDequeue(out var pending))
        {
            pending.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// One block as deflate blocks ending on a byte boundary and not final, so that blocks concatenate
    /// into one stream: deflated and sync-flushed, or stored when that is not smaller.
    /// </summary>
    private static PooledBuffer CompressBlock(byte[] block, int length)
    {
        try
        {
            var storedLength = StoredLength(length);
            var output = new PooledBuffer(storedLength + 64);
            long flushed;
            using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
            {
                deflate.Write(block, 0, length);

                // A sync flush ends with an empty stored block: byte-aligned, not final. What the
                // deflater writes when disposed (a final block) is cut off below.
                deflate.Flush();
                flushed = output.Length;
            }

            output.SetLength(flushed);

            if (output.Length <= storedLength)
            {
                return output;
            }

            output.Dispose();
            return Stored(block, length, storedLength);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }

    private static int StoredLength(int length) => length + (5 * Math.Max(1, (length + MaxStoredLength - 1) / MaxStoredLength));

    private static PooledBuffer Stored(byte[] block, int length, int storedLength)
    {
        var output = new PooledBuffer(storedLength);
        var header = new byte[5];
        for (var offset = 0; offset < length; offset += MaxStoredLength)
        {
            var chunk = Math.Min(MaxStoredLength, length - offset);
            header[0] = 0x00;
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(1), (ushort)chunk);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(3), (ushort)~chunk);
            output.Write(header);
            output.Write(block, offset, chunk);
        }

        return output;
    }
}
