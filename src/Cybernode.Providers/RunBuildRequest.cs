using System.Security.Cryptography;

namespace Cybernode.Providers;

/// <summary>
/// Run the build image <paramref name="Image"/> of <paramref name="Service"/> with
/// <paramref name="OutputDirectory"/> (an absolute host path) mounted at /build.
/// </summary>
public sealed record RunBuildRequest(string Service, string Image, string OutputDirectory)
{
    public const string BuildMountPath = "/build";

    /// <summary>A name known before the run starts, so a cancelled run can be found and removed.</summary>
    public string ContainerName { get; init; } = $"cybernode-build-{Service}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary>Named caches kept between runs: volume name to path in the container.</summary>
    public IReadOnlyDictionary<string, string> CacheVolumes { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Secrets by id: the host file mounted read-only at <c>/run/secrets/ID</c>.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Run with no network at all (<c>--network none</c>), as doctor's probe does.</summary>
    public bool NoNetwork { get; init; }

    /// <summary>The command to run instead of the image's own entrypoint and CMD; null runs the image as it is.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>
    /// The image's own entrypoint and CMD when already known (a dry run reads them from the
    /// Dockerfile), for engines that must spell them out; engines that run an image as it is ignore it.
    /// </summary>
    public IReadOnlyList<string>? ImageCommand { get; init; }

    /// <summary>Where the engine's own messages about the run go (buildah from's container id), apart from the command's output; null: with it.</summary>
    public IProgress<string>? EngineOutput { get; init; }
}
