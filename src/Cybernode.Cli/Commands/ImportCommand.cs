using System.CommandLine;
using Cybernode.Build;
using Cybernode.Cli.Output;
using Cybernode.Cli.Output.Reports;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Transports;

namespace Cybernode.Cli.Commands;

public static class ImportCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("SOURCE") { Description = $"Where the image is: {TransportReference.AcceptedForms}, or docker://HOST/REPOSITORY[:TAG] (a pull)" };
        var name = new Argument<string?>("NAME") { Description = "The name to give it in the store (default: the name the source records)", Arity = ArgumentArity.ZeroOrOne };
        var json = CommonOptions.Json();
        var store = CommonOptions.Store();
        var workspace = CommonOptions.Workspace();
        var tlsVerify = InsecureRegistries.TlsVerifyOption();
        var command = new Command("import", "Bring an image into the store from an OCI layout, an OCI archive or a docker archive")
        {
            source, name, json, store, workspace, tlsVerify,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (RegistryTransfers.IsDocker(parse.GetValue(source)!))
            {
                var location = CommonOptions.ResolveStore(parse.GetValue(store), parse.GetValue(workspace)!);
                var reference = RegistryTransfers.ParseReference(parse.GetValue(source)!);
                await RegistryTransfers.PullAsync(reference, Platform.Current, location, parse.GetValue(name), parse.GetValue(json), InsecureRegistries.Of(parse, tlsVerify, parse.GetValue(workspace)!), cancellationToken);
                return ExitCodes.Success;
            }

            TransportReference from;
            try
            {
                from = TransportReference.Parse(parse.GetValue(source)!);
            }
            catch (FormatException e)
            {
                throw new UserError(e.Message, hint: "name the source the way skopeo does, e.g. docker-archive:busybox.tar");
            }

            var storeLocation = CommonOptions.ResolveStore(parse.GetValue(store), parse.GetValue(workspace)!);
            var opened = await OciLayoutStore.OpenAsync(storeLocation, cancellationToken);
            TransferredImage imported;
            try
            {
                imported = await ImageTransport.ImportAsync(from, opened, parse.GetValue(name), cancellationToken);
            }
            catch (FormatException e)
            {
                throw new UserError(e.Message, hint: "give the image a name: cybernode import SOURCE NAME");
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(Console.Out, new TransferReport(imported.Name, imported.Manifest.Digest.ToString(), null, null, storeLocation));
            }
            else
            {
                Console.Out.WriteLine($"imported {imported.Name} ({imported.Manifest.Digest}) into {storeLocation}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
