using Cybernode.Oci.Streams;

namespace Cybernode.Oci.Registry;

/// <summary>A response body that ends its response (and frees its connection) when disposed.</summary>
internal sealed class ResponseStream(Stream body, HttpResponseMessage response) : ReadOnlyStream
{
    public override int Read(Span<byte> buffer) => body.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => body.ReadAsync(buffer, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            body.Dispose();
            response.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await body.DisposeAsync();
        response.Dispose();
        await base.DisposeAsync();
    }
}
