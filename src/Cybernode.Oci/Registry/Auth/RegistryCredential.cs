namespace Cybernode.Oci.Registry.Auth;

/// <summary>
/// What a registry login is: a user and password, or an identity (refresh) token that an OAuth
/// token service trades for access tokens. Its text form never shows the secret.
/// </summary>
public sealed class RegistryCredential
{
    /// <summary>The user name credential helpers give for an identity token instead of a user.</summary>
    public const string IdentityTokenUser = "<token>";

    public RegistryCredential(string username, string password, string? identityToken = null)
    {
        Username = username;
        Password = password;
        IdentityToken = string.IsNullOrEmpty(identityToken) ? null : identityToken;
    }

    public string Username { get; }

    public string Password { get; }

    public string? IdentityToken { get; }

    /// <summary>The value of an HTTP Basic authorization: base64 of USER:PASSWORD.</summary>
    public string BasicValue() => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Username}:{Password}"));

    public override string ToString() => $"credential of {Username}";
}
