namespace Cybernode.Cli.Output.Reports;

public sealed record LintFinding(string Check, int Line, string Message, bool IsError);
