using System.CommandLine;
using System.CommandLine.Parsing;
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
            Description = "Where to write: a folder for oci (new, empty, or an OCI layout to add to); for the archives a file (replaced whole, only once complete), '-' for standard output, a FIFO or a device (written as a stream); or a location in skopeo's form, which names its format (" + TransportReference.AcceptedForms + ")",
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
        var tlsVerify = InsecureRegistries.TlsVerifyOption();
        var command = new Command("export", "Write an image out as an OCI layout, an OCI archive or a docker archive (for docker/podman load)")
        {
            reference, output, format, json, store, workspace, tlsVerify,
        };
        command.Validators.Add(result => Validate(result, output, format));
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (RegistryTransfers.IsDocker(parse.GetValue(output)!))
            {
                var storeLocation = CommonOptions.ResolveStore(parse.GetValue(store), parse.GetValue(workspace)!);
                await RegistryTransfers.PushAsync(storeLocation, parse.GetValue(reference)!, parse.GetValue(workspace)!, parse.GetValue(output), parse.GetValue(json), InsecureRegistries.Of(parse, tlsVerify, parse.GetValue(workspace)!), cancellationToken);
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
            var target = TargetOf(parse.GetValue(output)!, parse.GetValue(format)!);
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

    /// <summary>
    /// A location in skopeo's form names its own transport (and may name the image); anything else
    /// is a path written in <c>--format</c>. What <see cref="Validate"/> let through parses.
    /// </summary>
    private static TransportReference TargetOf(string output, string format) =>
        TransportReference.TryParse(output, out var given)
            ? given
            : new TransportReference(TransportRegistry.Find(format)!, output == ArchiveOutput.StandardOutput ? output : Path.GetFullPath(output), null);

    private static void Validate(CommandResult result, Option<string> output, Option<string> format)
    {
        if (result.GetValue(output) is not { } text)
        {
            return;
        }

        try
        {
            if (TransportReference.TryParse(text, out var given) && result.GetResult(format) is { Implicit: false } && given.Transport.Name != result.GetValue(format))
            {
                result.AddError($"-o {text} names the {given.Transport.Name} format, but --format says {result.GetValue(format)}: give one of them");
            }
        }
        catch (FormatException e)
        {
            result.AddError(e.Message);
        }
    }
}
