namespace Cybernode.Build.Bases;

/// <summary>A registry did not give a base: unreachable, refused, unknown; the message is one line naming the registry, with no credential.</summary>
public sealed class BasePullException(string message, string hint, Exception? inner = null) : Exception(message, inner)
{
    public string Hint { get; } = hint;
}
