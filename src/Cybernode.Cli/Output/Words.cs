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

    /// <summary>Any other status the same way: UpToDate is up-to-date, DataVolume data-volume.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
