using Cybernode.Build.Reporting;
using Cybernode.Cli.Commands;
using Spectre.Console;

namespace Cybernode.Cli.Output.Progress;

/// <summary>The table the live view ends with: one row per service, and the build's wall time.</summary>
public static class ResultTable
{
    // "sha256:" and 12 hex digits, as `images` and docker print a short digest.
    private const int ShortDigest = 19;

    public static Table Create(IEnumerable<ServiceResult> results, TimeSpan wallTime)
    {
        var table = new Table()
            .AddColumns("SERVICE", "STATUS", "IMAGE", "DIGEST")
            .AddColumn(new TableColumn("SIZE").RightAligned())
            .AddColumn(new TableColumn("TIME").RightAligned())
            .Caption($"wall time {BuildSummary.Seconds(wallTime)}");
        foreach (var result in results)
        {
            var digest = result.Digest?.ToString() ?? "-";
            table.AddRow(
                new Text(result.Name),
                new Text(ProgressEventLines.Word(result.Status.ToString()), StatusStyles.Of(result.Status)),
                new Text(result.Image),
                new Text(digest.Length > ShortDigest ? digest[..ShortDigest] : digest),
                new Text(result.Size is { } size ? ImagesCommand.HumanSize(size) : "-"),
                new Text(BuildSummary.Seconds(result.Duration)));
        }

        return table;
    }
}
