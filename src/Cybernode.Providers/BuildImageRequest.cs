namespace Cybernode.Providers;

/// <summary>Build <paramref name="DockerfilePath"/> with <paramref name="ContextDirectory"/> as context and tag the result <paramref name="Tag"/>.</summary>
public sealed record BuildImageRequest(string ContextDirectory, string DockerfilePath, string Tag)
{
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Labels added to the image's config, as <c>--label</c> does.</summary>
    /// <summary>The stage to build instead of the last, as <c>--target</c> does; null builds the last.</summary>
    public string? Target { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
}
