using System.CommandLine;
using System.Globalization;
using Cybernode.Build.Workspaces;
using Cybernode.Cli.Output;
using Cybernode.Cli.Output.Reports;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Cli.Commands;

public static class ImagesCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var store = CommonOptions.Store();
        var workspace = CommonOptions.Workspace();
        var command = new Command("images", "List the images in the store") { json, store, workspace };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var location = CommonOptions.ResolveStore(parse.GetValue(store), parse.GetValue(workspace)!);
            var rows = new List<ImageReport>();
            var exists = StoreAccess.Exists(location);
            if (exists)
            {
                var opened = OciLayoutStore.OpenExisting(location);
                foreach (var image in await opened.ListAsync(cancellationToken))
                {
                    var read = await ImageReader.ReadAsync(opened, image.Manifest, Platform.Current, cancellationToken);
                    var size = read.Manifest.Config.Size + read.Manifest.Layers.Sum(l => l.Size);
                    rows.Add(new ImageReport(image.Name, image.Manifest.Digest.ToString(), size, read.Config.Created));
                }
            }

            if (rows.Count == 0)
            {
                await Console.Error.WriteLineAsync(NothingListed(location, exists, parse.GetValue(store), parse.GetValue(workspace)!));
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(Console.Out, new ImagesReport(location, rows));
                return ExitCodes.Success;
            }

            var width = Math.Max("NAME".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Name.Length));
            Console.Out.WriteLine($"{"NAME".PadRight(width)}  {"DIGEST",-19}  {"SIZE",10}  CREATED");
            var now = DateTimeOffset.UtcNow;
            foreach (var row in rows)
            {
                Console.Out.WriteLine($"{row.Name.PadRight(width)}  {row.Digest[..19]}  {HumanSize(row.Size),10}  {ImageAge.Describe(row.Created, now)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Which store was read and why it was that one, and the workspaces below the folder that
    /// have a store: after building examples/cluster, `images` at the repository root reads an
    /// empty store, and the user meant the example's.
    /// </summary>
    private static string NothingListed(string location, bool exists, string? storeOption, string workspace)
    {
        var full = Path.GetFullPath(location);
        var why = storeOption is not null ? "named by --store"
            : CommonOptions.ExplicitStore(null) is not null ? $"named by ${CommonOptions.StoreVariable}"
            : $"the store of the workspace {WorkspaceMarkers.FindRoot(workspace)}";
        var what = exists ? $"cybernode: the store {full} ({why}) holds no images" : $"cybernode: there is no image store at {full} ({why})";
        var elsewhere = WorkspaceMarkers.FindBelow(workspace, folder => HasOtherStore(folder, full))
            .Select(folder => Path.GetRelativePath(Environment.CurrentDirectory, folder))
            .ToList();
        return elsewhere.Count == 0
            ? $"{what}\nhint: build or import images first (cybernode build WORKSPACE), or name a store with --store"
            : $"{what}\nhint: workspaces below with a store: {string.Join(", ", elsewhere)}; list one with: cybernode images -w {elsewhere[0]}";
    }

    private static bool HasOtherStore(string folder, string readStore)
    {
        var store = WorkspaceMarkers.StorePath(folder);
        return store != readStore && Directory.Exists(store);
    }

    public static string HumanSize(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
