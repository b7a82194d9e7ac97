using System.Security.Cryptography;
using Cybernode.Oci.Model;
using Cybernode.Oci.Streams;

namespace Cybernode.Oci.Hashing;

/// <summary>
/// A write-only stream that hashes and counts every byte on its way to an inner stream, so a
/// digest comes out of the same pass that writes the data.
/// </summary>
public sealed class DigestingWriteStream(Stream inner, bool leaveInnerOpen = false) : WriteOnlyStream(inner)
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private Digest? _digest;

    public long BytesWritten { get; private set; }

    /// <summary>Finishes the hash; no more writes are accepted afterwards.</summary>
    public Digest Digest => _digest ??= Digest.Sha256(_hash.GetHashAndReset());

    public override long Position
    {
        get => BytesWritten;
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Account(buffer);
        Inner.Write(buffer);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Account(buffer.Span);
        return Inner.WriteAsync(buffer, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            if (!leaveInnerOpen)
            {
                Inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        _hash.Dispose();
        if (!leaveInnerOpen)
        {
            await Inner.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private void Account(ReadOnlySpan<byte> buffer)
    {
        if (_digest is not null)
        {
            throw new InvalidOperationException("the digest was already taken; the stream is complete");
        }

        _hash.AppendData(buffer);
        BytesWritten += buffer.Length;
    }
}
