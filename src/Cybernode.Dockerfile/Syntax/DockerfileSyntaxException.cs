namespace Cybernode.Dockerfile.Syntax;

/// <summary>
/// A Dockerfile that cannot be read or does not make sense. The message has the
/// compiler-style form <c>FILE:LINE:COL: reason</c> followed by the offending line.
/// </summary>
public sealed class DockerfileSyntaxException : Exception
{
    // A 100 KB line would otherwise end up verbatim in logs and terminals.
    private const int MaxShownLineLength = 240;

    public DockerfileSyntaxException(string reason, string? fileName, int line, int column, string sourceLine)
        : base(Compose(reason, fileName, line, column, sourceLine))
    {
        Reason = reason;
        FileName = fileName;
        Line = line;
        Column = column;
        SourceLine = sourceLine;
    }

    /// <summary>The bare explanation, without location or source text.</summary>
    public string Reason { get; }

    public string? FileName { get; }

    /// <summary>1-based line number.</summary>
    public int Line { get; }

    /// <summary>1-based column number.</summary>
    public int Column { get; }

    /// <summary>The text of the offending line.</summary>
    public string SourceLine { get; }

    private static string Compose(string reason, string? fileName, int line, int column, string sourceLine)
    {
        var shown = sourceLine.Length > MaxShownLineLength
            ? string.Concat(sourceLine.AsSpan(0, MaxShownLineLength), "...")
            : sourceLine;
        return $"{fileName ?? "Dockerfile"}:{line}:{column}: {reason}\n{shown}";
    }
}
