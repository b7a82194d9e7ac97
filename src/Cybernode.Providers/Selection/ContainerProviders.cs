using Cybernode.Providers.Buildah;
using Cybernode.Providers.Docker;
using Cybernode.Providers.Podman;

namespace Cybernode.Providers.Selection;

public static class ContainerProviders
{
    /// <summary>One provider per engine, in <see cref="ProviderSettings.Order"/>.</summary>
    public static IReadOnlyList<IContainerProvider> Create(ProviderSettings settings)
    {
        var all = new Dictionary<string, IContainerProvider>(StringComparer.Ordinal)
        {
            [DockerProvider.EngineName] = new DockerProvider(settings.Docker),
            [PodmanProvider.EngineName] = new PodmanProvider(settings.Podman),
            [BuildahProvider.EngineName] = new BuildahProvider(settings.Buildah),
        };
        var unknown = settings.Order.Where(name => !all.ContainsKey(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ProviderException($"unknown provider {string.Join(", ", unknown)} in the provider order", $"name only {string.Join(", ", all.Keys)}");
        }

        return [.. settings.Order.Distinct().Select(name => all[name])];
    }
}
