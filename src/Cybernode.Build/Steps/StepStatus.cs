namespace Cybernode.Build.Steps;

public enum StepStatus
{
    /// <summary>The step ran and did its work.</summary>
    Done,

    /// <summary>Its inputs were unchanged: its recorded outputs were restored instead of running it.</summary>
    Cached,

    Failed,

    /// <summary>Not run: a step it needs failed or was skipped.</summary>
    Skipped,
}
