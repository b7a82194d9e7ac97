using Cybernode.Build.Publishing;

namespace Cybernode.Build.Workspaces;

/// <summary>What <c>cybernode.yaml</c> at a workspace root may say.</summary>
public sealed record WorkspaceSettings(string Namespace)
{
    public const string DefaultNamespace = "cybernode";

    public static WorkspaceSettings Default { get; } = new(DefaultNamespace);

    /// <summary>The order <c>--provider auto</c> tries engines in; null keeps the default order.</summary>
    public IReadOnlyList<string>? Providers { get; init; }

    /// <summary>Tags every service's image gets besides latest.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Where <c>publish</c> and <c>build --push</c> send the images (<c>registry:</c>); null when not set.</summary>
    public RegistryTarget? Registry { get; init; }

    /// <summary>Registry hosts that may be spoken to over plain HTTP besides loopback (<c>insecure_registries:</c>).</summary>
    public IReadOnlyList<string> InsecureRegistries { get; init; } = [];

    /// <summary>
    /// Variables of the caller's environment the build stages read (<c>build_env:</c>): their
    /// values are inputs of the build cache, so a change rebuilds. Others (TERM, SSH_AUTH_SOCK) are not.
    /// </summary>
    public IReadOnlyList<string> BuildEnv { get; init; } = [];

    /// <summary>Settings of single services, by service name.</summary>
    public IReadOnlyDictionary<string, ServiceSettings> Services { get; init; } = new Dictionary<string, ServiceSettings>(StringComparer.Ordinal);

    /// <summary>The path of the file these came from, for errors about them; null when there is none.</summary>
    public string? File { get; init; }

    public ServiceSettings For(string service) => Services.GetValueOrDefault(service, ServiceSettings.None);
}
