using Cybernode.Build.Assembly;
using Cybernode.Build.Bases;
using Cybernode.Build.Workspaces;
using Cybernode.Providers;
using Cybernode.Providers.Selection;

namespace Cybernode.Build;

public sealed record BuildOptions(
    string StorePath,
    AssemblerOptions Assembler,
    IReadOnlyDictionary<string, string> BuildArgs,
    IReadOnlyList<string> Services,
    string? TargetStage = null)
{
    /// <summary>The container engine: auto, docker, podman or buildah.</summary>
    public string Provider { get; init; } = ProviderSelector.Auto;

    public AssemblerKind RunImageAssembler { get; init; } = AssemblerKind.InProcess;

    /// <summary>Tags every built image gets besides latest (from --tag).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>How many services may build at once; services that need each other still wait.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>A service another build of the workspace is building fails at once instead of waiting for it (--no-wait).</summary>
    public bool NoWait { get; init; }

    /// <summary>Secrets for the build stage (--secret): RUN --mount=type=secret, /run/secrets in the build run, $CYBERNODE_SECRETS for 01build.sh.</summary>
    public IReadOnlyList<BuildSecret> Secrets { get; init; } = [];

    /// <summary>When remote bases are asked of their registry (--pull).</summary>
    public PullPolicy Pull { get; init; } = PullPolicy.Missing;

    /// <summary>Build Dockerfile-build without the engine's layer cache (--no-cache), e.g. after a secret changed; also runs every build stage the build cache would skip.</summary>
    public bool NoCache { get; init; }

    /// <summary>Services whose build stage runs even when the build cache has its result (--no-cache-filter).</summary>
    public IReadOnlyList<string> NoCacheFilter { get; init; } = [];

    /// <summary>The UTC date tag templates' <c>{date}</c> gives (<see cref="Tagging.TagValues.BuildDate"/>).</summary>
    public DateOnly TagDate { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>The --target stage, for the one service it was given with; null for every other.</summary>
    public string? TargetOf(Workspace workspace, Service service) =>
        Services.Count == 1 && workspace.FindService(Services[0]) == service ? TargetStage : null;
}
