using System.Security.Cryptography;
using Cybernode.Oci.Model;
using Cybernode.Oci.Streams;

namespace Cybernode.Oci.Hashing;

/// <summary>
/// A read-only stream that hashes and counts every byte read from an inner stream, so a digest
/// comes out of the same pass that consumes the data.
/// </summary>
public sealed class DigestingReadStream(Stream inner, bool leaveInnerOpen = false) : ReadOnlyStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private Digest? _digest;

    public long BytesRead { get; private set; }

    /// <summary>Finishes the hash of what was read so far; no more reads are accepted afterwards.</summary>
    public Digest Digest => _digest ??= Digest.Sha256(_hash.GetHashAndReset());

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    /// <summary>Reads whatever is left so the digest covers the whole inner stream.</summary>
    public async Task<Digest> ReadToEndAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        while (await ReadAsync(buffer, cancellationToken) > 0)
        {
        }

        return Digest;
    }

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Account(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Account(buffer.Span[..read]);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            if (!leaveInnerOpen)
            {
                inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        _hash.Dispose();
        if (!leaveInnerOpen)
        {
            await inner.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private void Account(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        if (_digest is not null)
        {
            throw new InvalidOperationException("the digest was already taken; the stream is complete");
        }

        _hash.AppendData(buffer);
        BytesRead += buffer.Length;
    }
}
