namespace Cybernode.Cli.Output.Reports;

public sealed record LintFinding(string File, string Check, int Line, string Message, bool IsError);
