namespace Cybernode.Oci.Registry.Auth;

/// <summary>An access token from a registry's token service, with when to stop using it.</summary>
internal sealed class BearerToken(string value, DateTimeOffset expires, string? refreshToken)
{
    public string Value { get; } = value;

    public DateTimeOffset Expires { get; } = expires;

    /// <summary>A long-lived token the service gave for offline access, kept by login as the identity token.</summary>
    public string? RefreshToken { get; } = refreshToken;

    public bool IsFresh(TimeProvider clock) => clock.GetUtcNow() < Expires;

    public override string ToString() => $"bearer token until {Expires:O}";
}
