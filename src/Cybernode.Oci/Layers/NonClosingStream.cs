using Cybernode.Oci.Streams;

namespace Cybernode.Oci.Layers;

/// <summary>Passes writes through and leaves the inner stream open on dispose, like a compressor with leaveOpen.</summary>
internal sealed class NonClosingStream(Stream inner) : WriteOnlyStream(inner)
{
    public override void Write(ReadOnlySpan<byte> buffer) => Inner.Write(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        Inner.WriteAsync(buffer, cancellationToken);
}
