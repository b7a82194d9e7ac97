namespace Cybernode.Dockerfile.Ignore;

/// <summary>A glob or .dockerignore pattern that Go's matcher would reject as malformed.</summary>
public sealed class InvalidPatternException : ArgumentException
{
    public InvalidPatternException(string pattern, string reason)
        : base($"{reason}: \"{pattern}\"")
    {
        Pattern = pattern;
    }

    /// <summary>The offending pattern as written.</summary>
    public string Pattern { get; }
}
