using Cybernode.Build.Reporting;
using Spectre.Console;

namespace Cybernode.Cli.Output.Progress;

/// <summary>The colour of each service status in the live view (dropped by the console under NO_COLOR).</summary>
public static class StatusStyles
{
    public static Style Of(ServiceStatus status) => status switch
    {
        ServiceStatus.Built => new Style(Color.Green),
        ServiceStatus.Cached => new Style(Color.Blue),
        ServiceStatus.Failed => new Style(Color.Red, decoration: Decoration.Bold),
        _ => new Style(Color.Yellow),
    };
}
