namespace Cybernode.Cli.Output.Progress;

/// <summary>A step named in a <c>--progress json</c> line: its service and its kind (host-script, ...).</summary>
public sealed record StepReference(string Service, string Step);
