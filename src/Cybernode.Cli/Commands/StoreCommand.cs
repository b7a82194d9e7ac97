using System.CommandLine;
using Cybernode.Build;
using Cybernode.Build.Locking;
using Cybernode.Build.Workspaces;
using Cybernode.Cli.Output;
using Cybernode.Cli.Output.Reports;
using Cybernode.Oci.Store;

namespace Cybernode.Cli.Commands;

/// <summary><c>cybernode store verify|gc</c>: check the store end to end, and remove what nothing uses.</summary>
public static class StoreCommand
{
    public static Command Create() => new("store", "Check the image store, and remove what no image uses")
    {
        Verify(),
        Collect(),
    };

    private static Command Verify()
    {
        var json = CommonOptions.Json();
        var store = CommonOptions.Store();
        var workspace = CommonOptions.Workspace();
        var command = new Command(
            "verify",
            "Recompute every blob's digest and follow every reference from index.json down; list orphans and stray files. Exit 1 when anything is damaged")
        {
            json, store, workspace,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var location = CommonOptions.ResolveStore(parse.GetValue(store), parse.GetValue(workspace)!);
            using var opened = StoreAccess.OpenExisting(location);
            var result = await StoreVerifier.VerifyAsync(opened, cancellationToken);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(Console.Out, new StoreVerifyReport(
                    result.Location, result.Clean, result.Images, result.Blobs, result.BlobBytes, result.Damage,
                    [.. result.Orphans.Select(Report)], [.. result.Stray.Select(s => new StrayReport(s.Path, s.Kind, s.Size, s.Temporary, s.Live))]));
            }
            else
            {
                PrintVerification(result);
            }

            return result.Clean ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static Command Collect()
    {
        var json = CommonOptions.Json();
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be removed; remove nothing" };
        var store = CommonOptions.Store();
        var workspace = CommonOptions.Workspace();
        var command = new Command(
            "gc",
            "Remove blobs no image in index.json uses and temp files no running cybernode holds; waits for running builds and imports of this store to finish first")
        {
            json, dryRun, store, workspace,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var location = CommonOptions.ResolveStore(parse.GetValue(store), parse.GetValue(workspace)!);
            StoreAccess.OpenExisting(location).Dispose();

            // A build killed with SIGKILL leaves what its 01build.sh started running; its service
            // lock records the group, ended here (or by the next build) once no build holds it.
            foreach (var (service, group) in await ServiceLocks.EndStaleGroupsAsync(WorkspaceMarkers.FindRoot(parse.GetValue(workspace)!)))
            {
                Console.Error.WriteLine($"stopped what a killed build of {service} left running (process group {group.Id})");
            }

            var result = await StoreGc.RunAsync(location, parse.GetValue(dryRun), cancellationToken);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(Console.Out, StoreGc.Report(result));
            }
            else
            {
                StoreGc.Print(result);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static StoreFileReport Report(StoredBlob blob) => new(blob.Path, blob.Size, blob.Digest.ToString());

    private static void PrintVerification(StoreVerification result)
    {
        foreach (var damage in result.Damage)
        {
            Console.Out.WriteLine($"damaged: {damage}");
        }

        foreach (var orphan in result.Orphans)
        {
            Console.Out.WriteLine($"orphan: {orphan.Digest} ({ImagesCommand.HumanSize(orphan.Size)}), used by no image: cybernode store gc removes it");
        }

        foreach (var stray in result.Stray)
        {
            var what = stray.Temporary ? (stray.Live ? "temp file being written" : "stale temp file: cybernode store gc removes it") : $"{stray.Kind} that is not part of an OCI layout";
            Console.Out.WriteLine($"stray: {stray.Path} ({what})");
        }

        Console.Out.WriteLine(
            $"{(result.Clean ? "ok" : "DAMAGED")}: {result.Location}: {result.Images} images, {result.Blobs} blobs ({ImagesCommand.HumanSize(result.BlobBytes)}), {result.Damage.Count} damaged, {result.Orphans.Count} orphans, {result.Stray.Count} stray");
    }
}
