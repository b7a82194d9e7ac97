namespace Cybernode.Oci.Registry;

/// <summary>
/// A registry refused or could not be reached: one line saying which registry, what, and why,
/// with a hint for the user. Never carries a credential (messages name hosts and repositories only).
/// </summary>
public sealed class RegistryException(string message, string hint, Exception? inner = null) : Exception(message, inner)
{
    public string Hint { get; } = hint;

    /// <summary>The HTTP status the registry answered, or null when it was never reached.</summary>
    public int? Status { get; init; }
}
