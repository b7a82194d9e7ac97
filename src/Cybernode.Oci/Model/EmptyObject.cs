namespace Cybernode.Oci.Model;

/// <summary>The <c>{}</c> that the image config uses as the value of its port and volume sets.</summary>
public sealed record EmptyObject
{
    public static EmptyObject Instance { get; } = new();
}
