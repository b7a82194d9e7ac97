using System.CommandLine;
using Cybernode.Build;
using Cybernode.Build.Containers;
using Cybernode.Build.Lifecycle;
using Cybernode.Build.Workspaces;
using Cybernode.Cli.Output;
using Cybernode.Cli.Output.Reports;
using Cybernode.Oci.Store;
using Cybernode.Providers;
using Cybernode.Providers.Selection;

namespace Cybernode.Cli.Commands;

/// <summary>
/// <c>cybernode prune [WORKSPACE]</c>: remove the images of services the workspace no longer has,
/// then the blobs nothing references (store gc); <c>--build-caches</c> also the cache volumes of its
/// Dockerfile-build services. Names go first, in one index.json replacement, so a kill at any point
/// leaves at most blobs that the next gc removes, never a name without its blobs.
/// </summary>
public static class PruneCommand
{
    public static Command Create()
    {
        var workspace = new Argument<string>("WORKSPACE") { Description = "A folder of the workspace (default: the current one)", DefaultValueFactory = _ => "." };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be removed and how many bytes; change nothing" };
        var buildCaches = new Option<bool>("--build-caches") { Description = "Also remove the cache volumes (cybernode.yaml cache:) of Dockerfile-build services; never one mounted at /cyberdata" };
        var provider = new Option<string>("--provider")
        {
            Description = "The engine holding the cache volumes (--build-caches): auto, docker, podman or buildah",
            DefaultValueFactory = _ => ProviderSelector.Auto,
        };
        provider.AcceptOnlyFromAmong([ProviderSelector.Auto, .. ProviderSettings.DefaultOrder]);
        var json = CommonOptions.Json();
        var store = CommonOptions.Store();
        var command = new Command("prune", "Remove images of services no longer in the workspace, then the blobs nothing references (store gc)")
        {
            workspace, dryRun, buildCaches, provider, json, store,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = WorkspaceLoader.Load(WorkspaceMarkers.FindRoot(parse.GetValue(workspace)!));
            var location = CommonOptions.ResolveStore(parse.GetValue(store), loaded.Root);
            var isDryRun = parse.GetValue(dryRun);
            var (images, gc) = StoreAccess.Exists(location) ? await PruneStoreAsync(loaded, location, isDryRun, cancellationToken) : ([], null);
            IReadOnlyList<CacheVolumeRemoval> volumes = [];
            if (parse.GetValue(buildCaches))
            {
                var engine = await WorkspaceProviders.SelectAsync(loaded, parse.GetValue(provider)!, cancellationToken) as ICacheVolumes
                    ?? throw new UserError("this engine keeps no cache volumes", hint: "name one with --provider docker, podman or buildah");
                volumes = await BuildCaches.RemoveAsync(loaded, engine, isDryRun, cancellationToken);
            }

            var report = new PruneReport(
                loaded.Root, isDryRun,
                [.. images.Select(i => new PrunedImageReport(i.Image.Name, i.Image.Manifest.Digest.ToString(), i.Service))],
                [.. volumes.Select(v => new CacheVolumeReport(v.Volume, Words.Of(v.State), v.Detail))],
                gc is null ? null : StoreGc.Report(gc),
                gc?.Bytes ?? 0);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(Console.Out, report);
            }
            else
            {
                Print(report, gc);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Under the maintenance lock (no build or import at work), so what is found stale is what is removed.</summary>
    private static async Task<(IReadOnlyList<StaleImage> Images, StoreCollection Gc)> PruneStoreAsync(Workspace workspace, string location, bool dryRun, CancellationToken cancellationToken)
    {
        using var opened = await StoreGc.OpenAsync(location, cancellationToken);
        var stale = StaleImages.Find(workspace, await opened.ListAsync(cancellationToken));
        var names = stale.Select(s => s.Image.Name).ToHashSet(StringComparer.Ordinal);
        if (!dryRun)
        {
            await opened.UntagAsync(names, cancellationToken);
        }

        var gc = await StoreCollector.CollectAsync(opened, [], dryRun, cancellationToken, dryRun ? names : null);
        return (stale, gc);
    }

    private static void Print(PruneReport report, StoreCollection? gc)
    {
        var verb = report.DryRun ? "would remove" : "removed";
        foreach (var image in report.Images)
        {
            Console.Out.WriteLine($"{verb} image {image.Name} ({image.Digest[..19]}): service {image.Service} is no longer in the workspace");
        }

        foreach (var volume in report.CacheVolumes)
        {
            Console.Out.WriteLine(volume.State switch
            {
                "removed" => $"{verb} cache volume {volume.Volume}",
                "absent" => $"cache volume {volume.Volume}: not there",
                _ => $"kept cache volume {volume.Volume}: {volume.Detail}",
            });
        }

        if (gc is not null)
        {
            StoreGc.Print(gc);
        }
    }
}
