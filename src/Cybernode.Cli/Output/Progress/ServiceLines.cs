using Cybernode.Build;
using Cybernode.Build.Bases;
using Cybernode.Build.Reporting;

namespace Cybernode.Cli.Output.Progress;

/// <summary>The lines every console view prints the same way: what became of a service, a moved base.</summary>
public static class ServiceLines
{
    /// <summary>A failure with its message: the last lines the step printed and where its whole log is.</summary>
    public static string Failed(ServiceResult result) => $"[{result.Name}] FAILED\n{ReadableText.Limit(result.Error ?? "")}";

    public static string Finished(ServiceResult result) => result.Status switch
    {
        ServiceStatus.Built => $"[{result.Name}] built {result.Image} {result.Digest} in {BuildSummary.Seconds(result.Duration)}",
        ServiceStatus.Cached => $"[{result.Name}] cached {result.Image} {result.Digest}",
        ServiceStatus.Skipped => $"[{result.Name}] skipped: {ReadableText.Limit(result.Error ?? "")}",
        _ => Failed(result),
    };

    public static string LockMoved(string service, BaseLockChange change) => $"[{service}] base {change.Describe()}; {BaseLock.FileName} updated";
}
