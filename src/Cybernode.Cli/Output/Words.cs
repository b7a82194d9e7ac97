using Cybernode.Build.Publishing;

namespace Cybernode.Cli.Output;

/// <summary>The words the CLI prints (and --json holds) for statuses: lower case, dashes between words.</summary>
public static class Words
{
    public static string Of(PublishStatus status) => status switch
    {
        PublishStatus.NotBuilt => "not-built",
        _ => status.ToString().ToLowerInvariant(),
    };
}
