using Cybernode.Oci.Model;

namespace Cybernode.Oci.Transports;

/// <summary>One image a source offers: its root (manifest or index) and the names the source gives it.</summary>
public sealed record SourceImage(Descriptor Root, IReadOnlyList<string> Names)
{
    public string Describe() => Names.Count > 0 ? string.Join(" / ", Names) : Root.Digest.ToString();
}
