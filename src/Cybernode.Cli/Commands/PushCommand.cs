using System.CommandLine;

namespace Cybernode.Cli.Commands;

public static class PushCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("REF") { Description = "The image in the store: name, manifest digest or a prefix of it, or a service name of the workspace" };
        var destination = new Argument<string?>("DEST")
        {
            Description = "Where to push: [docker://]HOST[:PORT]/REPOSITORY[:TAG] (default: REF's own name, which must then name its registry)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = CommonOptions.Json();
        var store = CommonOptions.Store();
        var workspace = CommonOptions.Workspace();
        var tlsVerify = InsecureRegistries.TlsVerifyOption();
        var command = new Command("push", "Upload an image from the store to a registry: blobs it lacks, manifests by digest, then the tag")
        {
            reference, destination, json, store, workspace, tlsVerify,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var location = CommonOptions.ResolveStore(parse.GetValue(store), parse.GetValue(workspace)!);
            await RegistryTransfers.PushAsync(location, parse.GetValue(reference)!, parse.GetValue(workspace)!, parse.GetValue(destination), parse.GetValue(json), InsecureRegistries.Of(parse, tlsVerify, parse.GetValue(workspace)!), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
