using Cybernode.Oci.Model;

namespace Cybernode.Build.Reporting;

/// <summary>What became of one service in a build. <see cref="Digest"/> is the manifest digest.</summary>
public sealed record ServiceResult(string Name, string Image, ServiceStatus Status, Digest? Digest = null, string? Error = null, TimeSpan Duration = default)
{
    /// <summary>Why it was built rather than taken from the cache ("01build.sh changed", "--no-cache"), or why it was skipped.</summary>
    public string? Reason { get; init; }

    /// <summary>The run image's size: its config and layers as stored (compressed).</summary>
    public long? Size { get; init; }
}
