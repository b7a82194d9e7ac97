using Cybernode.Oci.Model;

namespace Cybernode.Build.Bases;

/// <summary>One line of cybernode.lock: the manifest a remote base's reference resolved to for one platform.</summary>
/// <param name="Reference">The familiar name with its tag, as <see cref="ImageReference.FamiliarName"/> writes it.</param>
public sealed record LockedBase(string Reference, Platform Platform, Digest Digest)
{
    public BaseKey Key => new(Reference, Platform);

    public override string ToString() => $"{Reference} {Platform} {Digest}";
}
