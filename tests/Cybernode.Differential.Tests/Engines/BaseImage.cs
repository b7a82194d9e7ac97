namespace Cybernode.Differential.Tests.Engines;

/// <summary>The one base image the corpus starts FROM besides scratch: busybox-static with /etc/passwd and /etc/group.</summary>
public static class BaseImage
{
    /// <summary>The name the cases' Dockerfiles use; each builder makes it resolve locally (no registry is reachable).</summary>
    public const string Name = "diffbase";

    public const string Tag = "diffbase:latest";
}
