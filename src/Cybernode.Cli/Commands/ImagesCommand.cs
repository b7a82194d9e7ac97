using System.CommandLine;
using System.Globalization;
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
            if (StoreAccess.Exists(location))
            {
                var opened = OciLayoutStore.OpenExisting(location);
                foreach (var image in await opened.ListAsync(cancellationToken))
                {
                    var read = await ImageReader.ReadAsync(opened, image.Manifest, Platform.LinuxAmd64, cancellationToken);
                    var size = read.Manifest.Config.Size + read.Manifest.Layers.Sum(l => l.Size);
                    rows.Add(new ImageReport(image.Name, image.Manifest.Digest.ToString(), size, read.Config.Created));
                }
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
