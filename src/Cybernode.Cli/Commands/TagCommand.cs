using System.CommandLine;
using Cybernode.Build;
using Cybernode.Oci.Model;

namespace Cybernode.Cli.Commands;

/// <summary><c>cybernode tag SRC DEST</c>: give an image of the store one more name, as <c>docker tag</c> does.</summary>
public static class TagCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("SRC") { Description = "The image: a name, a service of the workspace, or a digest (prefix) as images prints it" };
        var target = new Argument<string>("DEST") { Description = "The new name, [HOST[:PORT]/]REPO[:TAG] (latest when no tag); replaces what that name pointed at" };
        var store = CommonOptions.Store();
        var workspace = CommonOptions.Workspace();
        var command = new Command("tag", "Give an image of the store another name (DEST), as docker tag does")
        {
            source, target, store, workspace,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var location = CommonOptions.ResolveStore(parse.GetValue(store), parse.GetValue(workspace)!);
            var destination = parse.GetValue(target)!;
            if (!ImageReference.TryParse(destination, out var name, out var problem))
            {
                throw new UserError($"'{destination}' is not a valid image name: {problem}", hint: "a name is [HOST[:PORT]/]REPO[:TAG], e.g. cybernode/app:v1");
            }

            if (name.Digest is not null)
            {
                throw new UserError($"'{destination}' holds a digest; a name given to an image has a tag at most", hint: $"e.g. cybernode tag {parse.GetValue(source)} {name.FamiliarRepository}:v1");
            }

            // A writing session: store gc (which holds the store exclusively) never runs while a name is added.
            using var opened = await StoreAccess.OpenForWritingAsync(location, cancellationToken);
            var found = await ImageLookup.FindAsync(opened, parse.GetValue(source)!, parse.GetValue(workspace)!, cancellationToken)
                ?? throw StoreAccess.NotFound([parse.GetValue(source)!], location);
            await opened.TagAsync(name.FamiliarName, found.Manifest, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
