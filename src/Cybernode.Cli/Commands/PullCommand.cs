using System.CommandLine;
using Cybernode.Oci.Model;

namespace Cybernode.Cli.Commands;

public static class PullCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("REF") { Description = "The image in its registry: [HOST[:PORT]/]REPOSITORY[:TAG][@DIGEST] (docker.io when no host is given)" };
        var platform = PlatformOption();
        var json = CommonOptions.Json();
        var store = CommonOptions.Store();
        var workspace = CommonOptions.Workspace();
        var tlsVerify = InsecureRegistries.TlsVerifyOption();
        var command = new Command("pull", "Fetch an image from a registry into the store, every blob verified as it arrives")
        {
            reference, platform, json, store, workspace, tlsVerify,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var image = RegistryTransfers.ParseReference(parse.GetValue(reference)!);
            var location = CommonOptions.ResolveStore(parse.GetValue(store), parse.GetValue(workspace)!);
            await RegistryTransfers.PullAsync(image, Platform.Parse(parse.GetValue(platform)!), location, null, parse.GetValue(json), InsecureRegistries.Of(parse, tlsVerify, parse.GetValue(workspace)!), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>--platform os/arch[/variant], checked while parsing so a bad one is a command-line error.</summary>
    public static Option<string> PlatformOption()
    {
        var option = new Option<string>("--platform")
        {
            Description = $"Which image of a multi-platform index to take: {Platform.Form} (default: this machine's, {Platform.Current})",
            DefaultValueFactory = _ => Platform.Current.ToString(),
        };
        option.Validators.Add(result =>
        {
            try
            {
                Platform.Parse(result.GetValueOrDefault<string>()!);
            }
            catch (FormatException e)
            {
                result.AddError(e.Message);
            }
        });
        return option;
    }
}
