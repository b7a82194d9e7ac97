using Cybernode.Oci.Model;

namespace Cybernode.Build.Reporting;

/// <summary>What became of one service in a build. <see cref="Digest"/> is the manifest digest.</summary>
public sealed record ServiceResult(string Name, string Image, ServiceStatus Status, Digest? Digest = null, string? Error = null, TimeSpan Duration = default);
