namespace Cybernode.Cli.Output.Reports;

public sealed record LintReport(string File, IReadOnlyList<LintFinding> Warnings);
