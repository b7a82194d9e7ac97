namespace Cybernode.Dockerfile.Ignore;

/// <summary>A glob or .dockerignore pattern that Go's matcher would reject as malformed.</summary>
public sealed class InvalidPatternException : ArgumentException
{
    public InvalidPatternException(string pattern, string reason)
        : base($"{reason}: \"{pattern}\"")
    {
        Pattern = pattern;
        Reason = reason;
    }

    /// <summary>The offending pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>What is wrong with it, without the pattern.</summary>
    public string Reason { get; }

    /// <summary>The 1-based line of a .dockerignore file the pattern is on, when it comes from one.</summary>
    public int? Line { get; init; }
}
