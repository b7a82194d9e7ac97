namespace Cybernode.Testing;

/// <summary>One tagged image in an OCI image layout folder.</summary>
public sealed record OciLayoutImage(string LayoutDirectory, string Tag)
{
    public string UmociReference => $"{LayoutDirectory}:{Tag}";

    public string SkopeoReference => $"oci:{LayoutDirectory}:{Tag}";
}
