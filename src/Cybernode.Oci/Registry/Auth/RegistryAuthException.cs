namespace Cybernode.Oci.Registry.Auth;

/// <summary>
/// Logging in to a registry failed, or its credentials cannot be read: a refused password, a broken
/// config.json, a credential helper that failed. The message names the registry or the file and
/// never carries a password or token; the hint says what to do.
/// </summary>
public sealed class RegistryAuthException(string message, string hint, Exception? inner = null) : Exception(message, inner)
{
    public string Hint { get; } = hint;
}
