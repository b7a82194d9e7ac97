namespace Cybernode.Cli.Output.Reports;

/// <summary>A command as a user would type it, or a note on a step that runs no engine command.</summary>
public sealed record PlannedCommandReport(string? Command, string? Note);
