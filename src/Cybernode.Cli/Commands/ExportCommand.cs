using System.CommandLine;
using Cybernode.Build;
using Cybernode.Cli.Output;
using Cybernode.Cli.Output.Reports;
using Cybernode.Oci.Transports;

namespace Cybernode.Cli.Commands;

public static class ExportCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("REF") { Description = "Image name, manifest digest or a prefix of it (as images shows), or a service name of the workspace" };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Where to write: docker://HOST/REPOSITORY[:TAG] pushes to a registry (a push); a folder for oci (new, empty, or an OCI layout to add to); for the archives a file (replaced whole, only once complete), '-' for standard output, a FIFO or a device (written as a stream)",
            Required = true,
        };
        var format = new Option<string>("--format")
        {
            Description = "docker-archive (loads into docker and podman alike), oci-archive (podman, docker 25 and later) or oci (a layout folder)",
            DefaultValueFactory = _ => "docker-archive",
        };
        format.AcceptOnlyFromAmong("oci", "oci-archive", "docker-archive");
        var json = CommonOptions.Json();
        var store = CommonOptions.Store();
        var workspace = CommonOptions.Workspace();
        var command = new Command("export", "Write an image out as an OCI layout, an OCI archive or a docker archive (for docker/podman load)")
        {
            reference, output, format, json, store, workspace,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (RegistryTransfers.IsDocker(parse.GetValue(output)!))
            {
                var storeLocation = CommonOptions.ResolveStore(parse.GetValue(store), parse.GetValue(workspace)!);
                await RegistryTransfers.PushAsync(storeLocation, parse.GetValue(reference)!, parse.GetValue(workspace)!, parse.GetValue(output), parse.GetValue(json), cancellationToken);
                return ExitCodes.Success;
            }

            var toStandardOutput = parse.GetValue(output) == ArchiveOutput.StandardOutput;
            if (toStandardOutput && (parse.GetValue(json) || parse.GetValue(format) == "oci"))
            {
                await Console.Error.WriteLineAsync("cybernode: -o - writes an archive to standard output: it cannot hold --json or an oci layout folder");
                return ExitCodes.Usage;
            }

            var location = CommonOptions.ResolveStore(parse.GetValue(store), parse.GetValue(workspace)!);
            var (opened, image) = await StoreAccess.FindAsync(location, parse.GetValue(reference)!, parse.GetValue(workspace)!, cancellationToken);
            var kind = parse.GetValue(format) switch
            {
                "oci" => TransportKind.OciLayout,
                "oci-archive" => TransportKind.OciArchive,
                _ => TransportKind.DockerArchive,
            };
            var target = new TransportReference(kind, toStandardOutput ? ArchiveOutput.StandardOutput : Path.GetFullPath(parse.GetValue(output)!), null);
            var written = await ImageTransport.ExportAsync(opened, image, target, cancellationToken);
            var load = toStandardOutput ? null : LoadCommand.For(target, written.Name);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(Console.Out, new TransferReport(written.Name, written.Manifest.Digest.ToString(), parse.GetValue(format), target.Path, null, load));
            }
            else
            {
                // With -o - standard output holds the archive, so the message goes to standard error.
                (toStandardOutput ? Console.Error : Console.Out).WriteLine($"exported {written.Name} ({written.Manifest.Digest}) to {target}");
                if (load is not null)
                {
                    Console.Error.WriteLine($"load with: {load}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
