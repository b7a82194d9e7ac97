using System.Security.Cryptography;
using Cybernode.Oci.Model;
using Cybernode.Oci.Streams;

namespace Cybernode.Oci.Transports;

/// <summary>
/// Reads a blob and refuses it the moment it disagrees with its descriptor: too short, too long,
/// or with other content. The check runs as the bytes pass, so a copy never needs a second read.
/// </summary>
internal sealed class VerifiedBlobStream(Stream inner, Descriptor expected, string origin) : ReadOnlyStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _read;
    private bool _verified;

    public override long Length => expected.Size;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer) => Account(buffer, inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Account(buffer.Span, read);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        _hash.Dispose();
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private int Account(Span<byte> buffer, int read)
    {
        if (read == 0)
        {
            if (_read < expected.Size)
            {
                throw new OciFormatException($"blob {expected.Digest} in {origin} is truncated: it ends after {_read} of {expected.Size} bytes");
            }

            Verify();
            return 0;
        }

        if (_read + read > expected.Size)
        {
            throw new OciFormatException($"blob {expected.Digest} in {origin} is longer than the {expected.Size} bytes its descriptor gives");
        }

        _hash.AppendData(buffer[..read]);
        _read += read;
        if (_read == expected.Size)
        {
            Verify();
        }

        return read;
    }

    private void Verify()
    {
        if (_verified)
        {
            return;
        }

        _verified = true;
        var actual = Digest.Sha256(_hash.GetHashAndReset());
        if (actual != expected.Digest)
        {
            throw new OciFormatException($"blob {expected.Digest} in {origin} is corrupt: its content hashes to {actual}");
        }
    }
}
