namespace Cybernode.Providers;

/// <summary>Build <paramref name="DockerfilePath"/> with <paramref name="ContextDirectory"/> as context and tag the result <paramref name="Tag"/>.</summary>
public sealed record BuildImageRequest(string ContextDirectory, string DockerfilePath, string Tag)
{
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
}
