using Cybernode.Oci.Model;

namespace Cybernode.Build.Bases;

/// <summary>What cybernode.lock pins: a base reference (familiar, with its tag) on one platform.</summary>
public sealed record BaseKey(string Reference, Platform Platform)
{
    public override string ToString() => $"{Reference} ({Platform})";
}
