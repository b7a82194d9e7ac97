using System.CommandLine;
using Cybernode.Cli.Output;
using Cybernode.Cli.Output.Reports;
using Cybernode.Oci.Store;

namespace Cybernode.Cli.Commands;

/// <summary><c>cybernode du</c>: where the store's bytes go, per image (shared and unique), as <c>docker system df -v</c>.</summary>
public static class DuCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var store = CommonOptions.Store();
        var workspace = CommonOptions.Workspace();
        var command = new Command("du", "Show the store's space per image (shared with other images, and unique: what removing it frees) and in total")
        {
            json, store, workspace,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var location = CommonOptions.ResolveStore(parse.GetValue(store), parse.GetValue(workspace)!);

            // A writing session keeps store gc from removing blobs while they are counted.
            StoreUsage usage;
            using (var opened = await StoreAccess.OpenForWritingAsync(location, cancellationToken))
            {
                usage = await StoreUsage.MeasureAsync(opened, cancellationToken);
            }

            var rows = usage.Images.Select(i => new DuImageReport(i.Names, i.Manifest.ToString(), i.Size, i.SharedSize, i.UniqueSize)).ToList();
            if (parse.GetValue(json))
            {
                JsonOutput.Write(Console.Out, new DuReport(usage.Location, rows, usage.ImageBytes, usage.OtherRootBytes, usage.UnreferencedBytes, usage.TotalBytes, usage.Blobs));
                return ExitCodes.Success;
            }

            var width = Math.Max("NAME".Length, rows.SelectMany(r => r.Names).Select(n => n.Length).DefaultIfEmpty(0).Max());
            Console.Out.WriteLine($"{"NAME".PadRight(width)}  {"DIGEST",-19}  {"SIZE",10}  {"SHARED",10}  {"UNIQUE",10}");
            foreach (var row in rows)
            {
                Console.Out.WriteLine($"{row.Names[0].PadRight(width)}  {row.Digest[..19]}  {Size(row.Size)}  {Size(row.Shared)}  {Size(row.Unique)}");
                foreach (var alias in row.Names.Skip(1))
                {
                    Console.Out.WriteLine($"{alias.PadRight(width)}  (same image)");
                }
            }

            Console.Out.WriteLine(
                $"images {ImagesCommand.HumanSize(usage.ImageBytes)}, build outputs and other roots {ImagesCommand.HumanSize(usage.OtherRootBytes)}, " +
                $"unreferenced {ImagesCommand.HumanSize(usage.UnreferencedBytes)} (cybernode store gc frees it); total {ImagesCommand.HumanSize(usage.TotalBytes)} in {usage.Blobs} blobs, {usage.Location}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Size(long bytes) => ImagesCommand.HumanSize(bytes).PadLeft(10);
}
