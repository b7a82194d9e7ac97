namespace Cybernode.Dockerfile.Lint;

/// <summary>One lint pass: collects the findings of the checks the <c># check=</c> directive leaves on.</summary>
internal sealed class LintRun(LintOptions options, string? fileName, char escapeToken)
{
    private readonly List<LintWarning> _warnings = [];

    /// <summary>The escape character of the file, which decides what counts as an escaped <c>$</c>.</summary>
    public char EscapeToken { get; } = escapeToken;

    public void Report(string check, int line, string message)
    {
        if (options.Runs(check))
        {
            _warnings.Add(new LintWarning(check, message, fileName, line, options.ErrorOnWarning));
        }
    }

    public List<LintWarning> Finish() => [.. _warnings.OrderBy(w => w.Line)];
}
