using Cybernode.Build;

namespace Cybernode.Cli.Output.Reports;

/// <summary>Something the build left out or may get wrong, without failing: where, what, and what to do.</summary>
public sealed record WarningReport(string? File, int? Line, string Message, string? Hint)
{
    public static IReadOnlyList<WarningReport> From(IEnumerable<UserError> warnings) =>
        [.. warnings.Select(w => new WarningReport(w.File, w.Line, w.Message, w.Hint))];
}
