using Cybernode.Build.Bases;

namespace Cybernode.Cli.Output.Reports;

/// <summary>A remote base <c>build --dry-run</c> would resolve or pull, and from which registry; <see cref="Digest"/> when it is locked or pinned.</summary>
public sealed record PlannedPullReport(string Reference, string Platform, string? Registry, string? Digest, string Action)
{
    public static PlannedPullReport From(BaseStep step) =>
        new(step.Key.Reference, step.Key.Platform.ToString(), step.Image.Registry, step.Digest?.ToString(), step.Action == BaseAction.Resolve ? "resolve" : "pull");

    /// <summary>The plan's comment line for the step.</summary>
    public static string Describe(BaseStep step) => step.Action == BaseAction.Resolve
        ? $"pull {step.Key.Reference} ({step.Key.Platform}) from {step.Image.Registry}: resolve the tag, then pull what the store lacks; lock it in {BaseLock.FileName}"
        : $"pull {step.Key.Reference} ({step.Key.Platform}) {step.Digest} from {step.Image.Registry} ({(step.Image.Digest is null ? "locked" : "pinned")} digest)";
}
