using System.Globalization;
using Cybernode.Build.Reporting;

namespace Cybernode.Cli.Output;

/// <summary>
/// The last line of a build: how many services, how many of them built, cached (unchanged inputs,
/// the word --json uses too), failed and skipped, and the time the whole build took.
/// </summary>
public static class BuildSummary
{
    public static string Line(IReadOnlyList<ServiceResult> results, TimeSpan elapsed, string store)
    {
        var counts = new List<string>
        {
            $"{results.Count(r => r.Status == ServiceStatus.Built)} built",
            $"{results.Count(r => r.Status == ServiceStatus.Cached)} cached",
        };
        foreach (var (status, word) in new[] { (ServiceStatus.Failed, "failed"), (ServiceStatus.Skipped, "skipped") })
        {
            var count = results.Count(r => r.Status == status);
            if (count > 0)
            {
                counts.Add($"{count} {word}");
            }
        }

        var noun = results.Count == 1 ? "service" : "services";
        return $"{results.Count} {noun}: {string.Join(", ", counts)} in {Seconds(elapsed)}; store {store}";
    }

    /// <summary>One line of build --explain: the service, what became of it, and why.</summary>
    public static string Explanation(ServiceResult result) =>
        $"{result.Name}: {result.Status.ToString().ToLowerInvariant()}: {Build.ReadableText.Limit(result.Reason ?? (result.Status == ServiceStatus.Cached ? "inputs unchanged" : result.Error ?? "no cache entry"))}";

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";
}
