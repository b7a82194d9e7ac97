using Cybernode.Cli.Output.Reports;
using Cybernode.Oci.Store;

namespace Cybernode.Cli.Commands;

/// <summary>store gc as store gc, rmi --prune and prune run it: under the maintenance lock, printed and reported alike.</summary>
public static class StoreGc
{
    /// <summary>Opens the store with no writer at work in it, saying so while it waits for running builds and imports.</summary>
    public static Task<OciLayoutStore> OpenAsync(string location, CancellationToken cancellationToken) =>
        OciLayoutStore.OpenForMaintenanceAsync(
            location, () => Console.Error.WriteLine($"waiting for other cybernode processes writing to {location} to finish"), cancellationToken);

    public static async Task<StoreCollection> RunAsync(string location, bool dryRun, CancellationToken cancellationToken)
    {
        using var opened = await OpenAsync(location, cancellationToken);
        return await StoreCollector.CollectAsync(opened, [], dryRun, cancellationToken);
    }

    public static StoreGcReport Report(StoreCollection result) =>
        new(result.Location, result.DryRun, result.Blobs.Count + result.TempFiles.Count, result.Bytes,
            [.. result.Blobs.Select(b => new StoreFileReport(b.Path, b.Size, b.Digest.ToString()))], [.. result.TempFiles.Select(t => new StoreFileReport(t.Path, t.Size, null))]);

    public static void Print(StoreCollection result)
    {
        foreach (var path in result.Blobs.Select(b => b.Path).Concat(result.TempFiles.Select(t => t.Path)))
        {
            Console.Out.WriteLine($"{(result.DryRun ? "would remove" : "removed")} {path}");
        }

        Console.Out.WriteLine(
            $"{(result.DryRun ? "would free" : "freed")} {ImagesCommand.HumanSize(result.Bytes)} ({result.Blobs.Count} unreferenced blobs, {result.TempFiles.Count} temp files) in {result.Location}");
    }
}
