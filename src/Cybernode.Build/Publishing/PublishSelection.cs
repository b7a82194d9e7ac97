using Cybernode.Build.Reporting;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Build.Publishing;

/// <summary>
/// The images a publish sends, read from the store: each service's run image, with the tags the
/// build gave it (every name of the service's repository in the store that points at the same
/// manifest: latest, --tag, and cybernode.yaml's tags), and the services that have none.
/// </summary>
public sealed record PublishSelection(IReadOnlyList<PublishImage> Images, IReadOnlyList<UnbuiltService> Unbuilt)
{
    /// <summary>The services' images as the store holds them now (<c>cybernode publish</c>).</summary>
    public static async Task<PublishSelection> FromStoreAsync(IImageStore store, IReadOnlyList<Service> services, RegistryTarget target, CancellationToken cancellationToken)
    {
        var named = await store.ListAsync(cancellationToken);
        var images = new List<PublishImage>();
        var unbuilt = new List<UnbuiltService>();
        foreach (var service in services)
        {
            var latest = named.FirstOrDefault(image => SameName(image.Name, service.ImageName));
            if (latest is null)
            {
                unbuilt.Add(new UnbuiltService(service.Name, $"{service.ImageName} is not in the store: build it first (cybernode build)"));
                continue;
            }

            images.Add(ImageOf(named, service, latest.Manifest, target));
        }

        return new PublishSelection(images, unbuilt);
    }

    /// <summary>The images a build just made (<c>build --push</c>); a service that failed or was skipped has none.</summary>
    public static async Task<PublishSelection> FromBuildAsync(
        IImageStore store, Workspace workspace, IReadOnlyList<ServiceResult> results, RegistryTarget target, CancellationToken cancellationToken)
    {
        var named = await store.ListAsync(cancellationToken);
        var images = new List<PublishImage>();
        var unbuilt = new List<UnbuiltService>();
        foreach (var result in results)
        {
            var service = workspace.FindService(result.Name);
            var manifest = result.Digest is { } digest ? named.FirstOrDefault(image => image.Manifest.Digest == digest)?.Manifest : null;
            if (service is null || manifest is null || result.Status is not (ServiceStatus.Built or ServiceStatus.Cached))
            {
                unbuilt.Add(new UnbuiltService(result.Name, result.Status == ServiceStatus.Skipped ? result.Error ?? "not built" : "its build failed"));
                continue;
            }

            images.Add(ImageOf(named, service, manifest, target));
        }

        return new PublishSelection(images, unbuilt);
    }

    private static PublishImage ImageOf(IReadOnlyList<TaggedImage> named, Service service, Descriptor manifest, RegistryTarget target)
    {
        var repository = Repository(service.ImageName);
        var tags = named
            .Where(image => image.Manifest.Digest == manifest.Digest && ImageReference.TryParse(image.Name, out var reference, out _)
                && reference.Digest is null && reference.FamiliarRepository == repository)
            .Select(image => ImageReference.Parse(image.Name).Tag ?? ImageReference.DefaultTag)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(tag => tag == ImageReference.DefaultTag ? 0 : 1)
            .ThenBy(tag => tag, StringComparer.Ordinal)
            .ToList();
        return new PublishImage(service.Name, target.RepositoryFor(service.Name), manifest, tags);
    }

    private static string Repository(string name) => ImageReference.Parse(name).FamiliarRepository;

    private static bool SameName(string stored, string wanted) =>
        ImageReference.TryParse(stored, out var reference, out _) && reference.FamiliarName == ImageReference.Parse(wanted).FamiliarName;
}
