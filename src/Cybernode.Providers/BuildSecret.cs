namespace Cybernode.Providers;

/// <summary>
/// A secret a build may read, as BuildKit's <c>--secret</c> names it: an id (the file name under
/// <c>/run/secrets</c>) and where its value comes from, a file or an environment variable. It
/// holds no value: only the name of where the value is, so it may be shown and logged.
/// </summary>
/// <param name="Source">An absolute file path, or the variable's name when <paramref name="FromEnvironment"/>.</param>
public sealed record BuildSecret(string Id, string Source, bool FromEnvironment)
{
    /// <summary>Where a build run and RUN --mount=type=secret find a secret: <c>/run/secrets/ID</c>.</summary>
    public const string MountFolder = "/run/secrets";

    /// <summary>The value of <c>--secret</c> for docker build, podman build and buildah bud, which all take BuildKit's spelling.</summary>
    public string EngineSpec => FromEnvironment ? $"id={Id},env={Source}" : $"id={Id},src={Source}";

    /// <summary>Where the value comes from, for messages: the file, or $VARIABLE.</summary>
    public string Origin => FromEnvironment ? "$" + Source : Source;

    public string MountPath => $"{MountFolder}/{Id}";
}
