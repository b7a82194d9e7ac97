namespace Cybernode.Providers;

/// <summary>Build <paramref name="DockerfilePath"/> with <paramref name="ContextDirectory"/> as context and tag the result <paramref name="Tag"/>.</summary>
public sealed record BuildImageRequest(string ContextDirectory, string DockerfilePath, string Tag)
{
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The stage to build instead of the last, as <c>--target</c> does; null builds the last.</summary>
    public string? Target { get; init; }

    /// <summary>Labels added to the image's config, as <c>--label</c> does.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Secrets RUN --mount=type=secret may read; the engine reads each from its file or variable, never from the command line.</summary>
    public IReadOnlyList<BuildSecret> Secrets { get; init; } = [];

    /// <summary>
    /// The .dockerignore rules the engine applies to the context instead of the context's own file
    /// (that file's rules, then what cybernode leaves out, such as the output folder); null sends the
    /// context as the engine finds it.
    /// </summary>
    public IReadOnlyList<string>? IgnorePatterns { get; init; }

    /// <summary>Build every step again, as <c>--no-cache</c> does: engines leave a secret's content out of their cache keys.</summary>
    public bool NoCache { get; init; }
}
