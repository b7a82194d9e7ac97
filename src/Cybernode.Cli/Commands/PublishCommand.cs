using System.CommandLine;
using Cybernode.Build;
using Cybernode.Build.Publishing;
using Cybernode.Build.Workspaces;
using Cybernode.Cli.Output;
using Cybernode.Cli.Output.Reports;
using Cybernode.Oci.Store;

namespace Cybernode.Cli.Commands;

/// <summary><c>cybernode publish [WORKSPACE]</c>: every service image of the workspace from the store to a registry, all-or-nothing.</summary>
public static class PublishCommand
{
    public static Command Create()
    {
        var workspace = new Argument<string>(BuildCommand.WorkspaceArgument)
        {
            Description = "The workspace to publish (the nearest folder at or above it holding cybernode.yaml or .cybernode/); default the current folder",
            DefaultValueFactory = _ => ".",
        };
        var registry = PublishOptions.Registry();
        var json = CommonOptions.Json();
        var store = CommonOptions.Store();
        var command = new Command(
            "publish",
            "Push every service image of the workspace (as built into the store) to a registry, all-or-nothing: first every blob, then the manifests by digest, only then the tags, so a failure moves no tag")
        {
            workspace, registry, json, store,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Path.GetFullPath(parse.GetValue(workspace)!);
            var loaded = WorkspaceLoader.Load(Directory.Exists(folder) ? WorkspaceMarkers.FindRoot(folder) : folder);
            var target = PublishOptions.Target(parse.GetValue(registry), loaded.Settings);
            var location = CommonOptions.ResolveStore(parse.GetValue(store), loaded.Root);
            using var opened = StoreAccess.Exists(location)
                ? await OciLayoutStore.OpenAsync(location, cancellationToken)
                : throw new UserError($"{Path.GetFullPath(location)}: there is no image store here", hint: $"build the workspace first: cybernode build {parse.GetValue(workspace)}");
            var selection = await PublishSelection.FromStoreAsync(opened, loaded.Services, target, cancellationToken);
            var rejected = loaded.Rejected.Select(r => new UnbuiltService(r.DisplayName, r.Error.Describe())).ToList();
            if (selection.Images.Count + selection.Unbuilt.Count + rejected.Count == 0)
            {
                throw new UserError($"{loaded.Root} has no services to publish", hint: "a service is a folder holding a Dockerfile");
            }

            var result = await ClusterPublishing.PublishAsync(opened, selection with { Unbuilt = [.. rejected, .. selection.Unbuilt] }, target, loaded.Settings, cancellationToken);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(Console.Out, PublishReport.From(result));
            }
            else
            {
                PublishSummary.Write(result, Console.Out, Console.Error);
            }

            return result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
