using System.CommandLine;
using Cybernode.Build;
using Cybernode.Build.Assembly;
using Cybernode.Build.Bases;
using Cybernode.Build.Workspaces;
using Cybernode.Cli.Output;
using Cybernode.Cli.Output.Reports;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;

namespace Cybernode.Cli.Commands;

/// <summary><c>cybernode update [REF...]</c>: resolve the workspace's remote bases again and rewrite cybernode.lock.</summary>
public static class UpdateCommand
{
    public static Command Create()
    {
        var references = new Argument<string[]>("REF") { Description = "Remote bases to resolve again, as the Dockerfiles name them; default all (and lines no Dockerfile needs any more are dropped)", Arity = ArgumentArity.ZeroOrMore };
        var json = CommonOptions.Json();
        var store = CommonOptions.Store();
        var workspace = CommonOptions.Workspace();
        var command = new Command("update", $"Resolve the workspace's remote base images at their registries again, pull what moved and rewrite {BaseLock.FileName}")
        {
            references, json, store, workspace,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = WorkspaceLoader.Load(WorkspaceMarkers.FindRoot(parse.GetValue(workspace)!));
            var options = new BuildOptions(
                CommonOptions.ResolveStore(parse.GetValue(store), loaded.Root),
                new AssemblerOptions(LayerCompression.Gzip, 0, Platform.Current),
                new Dictionary<string, string>(StringComparer.Ordinal),
                []);
            var progress = parse.GetValue(json) ? Console.Error : Console.Out;
            var resolution = await BasePulling.UpdateAsync(loaded, options, parse.GetValue(references) ?? [], (_, line) => progress.WriteLine(line), cancellationToken);
            var failures = resolution.Failures.Values.SelectMany(f => f).DistinctBy(e => e.Describe()).ToList();
            failures.ForEach(e => Console.Error.WriteLine(e.Describe()));
            var lockPath = BaseLockFile.PathIn(loaded.Root);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(Console.Out, new UpdateReport(lockPath, [.. resolution.Locked.Select(LockedBaseReport.From)], [.. failures.Select(e => e.Describe())]));
            }
            else if (failures.Count == 0)
            {
                resolution.Locked.ToList().ForEach(c => Console.Out.WriteLine(c.Describe()));
                var moved = resolution.Locked.Count(c => c.Changed);
                Console.Out.WriteLine(moved == 0
                    ? $"{lockPath}: {Bases(resolution.Locked.Count)}, none moved"
                    : $"{lockPath}: {moved} of {Bases(resolution.Locked.Count)} changed, lock rewritten");
            }

            return failures.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static string Bases(int count) => count == 1 ? "1 base" : $"{count} bases";
}
