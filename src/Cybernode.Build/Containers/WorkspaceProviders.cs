using Cybernode.Build.Workspaces;
using Cybernode.Providers;
using Cybernode.Providers.Selection;

namespace Cybernode.Build.Containers;

/// <summary>The container engines as a workspace configures them, and choosing one.</summary>
public static class WorkspaceProviders
{
    /// <summary>
    /// The engines in the order cybernode.yaml's providers: gives (engines it leaves out come after);
    /// docker and podman are reached as their own environment says (DOCKER_HOST, CONTAINERS_CONF),
    /// buildah's caches are folders under the workspace's .cybernode/cache.
    /// </summary>
    public static ProviderSettings Settings(Workspace workspace) => new()
    {
        Order = [.. (workspace.Settings.Providers ?? []).Concat(ProviderSettings.DefaultOrder).Distinct()],
        Buildah = new ContainersToolOptions { CacheRoot = Path.Combine(workspace.Root, ".cybernode", "cache") },
    };

    public static IReadOnlyList<IContainerProvider> All(Workspace workspace) => ContainerProviders.Create(Settings(workspace));

    /// <summary>The engine to build with: the one named, if it works here, or the first that works (auto).</summary>
    public static async Task<IContainerProvider> SelectAsync(Workspace workspace, string choice, CancellationToken cancellationToken)
    {
        try
        {
            return await new ProviderSelector(All(workspace)).SelectAsync(choice, cancellationToken);
        }
        catch (ProviderException e)
        {
            throw new UserError(e.Message, hint: e.Hint, inner: e);
        }
    }

    /// <summary>
    /// The engine whose commands a dry run shows: the one named, or for auto the first that works
    /// here, else the first in order, so a plan needs no engine at all.
    /// </summary>
    public static async Task<IContainerProvider> ForPlanAsync(Workspace workspace, string choice, CancellationToken cancellationToken)
    {
        var providers = All(workspace);
        if (choice != ProviderSelector.Auto)
        {
            return providers.FirstOrDefault(p => p.Name == choice)
                ?? throw new UserError($"unknown provider '{choice}'", hint: $"use one of {string.Join(", ", new ProviderSelector(providers).Choices)}");
        }

        foreach (var provider in providers)
        {
            if ((await provider.ProbeAsync(cancellationToken)).Usable)
            {
                return provider;
            }
        }

        return providers[0];
    }
}
