using System.CommandLine;
using Cybernode.Build.Assembly;
using Cybernode.Build.Planning;
using Cybernode.Build.Workspaces;
using Cybernode.Cli.Output;
using Cybernode.Cli.Output.Reports;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;

namespace Cybernode.Cli.Commands;

/// <summary><c>cybernode graph [WORKSPACE]</c>: the services, what orders their builds, and whether each image is up to date.</summary>
public static class GraphCommand
{
    public static Command Create()
    {
        var workspace = new Argument<string>("WORKSPACE") { Description = "A folder of the workspace (default: the current one)", DefaultValueFactory = _ => "." };
        var json = CommonOptions.Json();
        var dot = new Option<bool>("--dot") { Description = "Print graphviz's DOT language (render with: cybernode graph --dot | dot -Tsvg > graph.svg)" };
        var store = CommonOptions.Store();
        var command = new Command("graph", "Show the services of the workspace, what each needs (FROM, COPY --from, build_after) and whether its image is up to date")
        {
            workspace, json, dot, store,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(json) && result.GetValue(dot))
            {
                result.AddError("--json and --dot are two formats: give one");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = WorkspaceLoader.Load(WorkspaceMarkers.FindRoot(parse.GetValue(workspace)!));
            var options = new AssemblerOptions(
                LayerCompression.Gzip, AssemblerOptions.ReadSourceDateEpoch(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH")), Platform.Current);
            var graph = await WorkspaceGraph.ReadAsync(
                loaded, CommonOptions.ResolveStore(parse.GetValue(store), loaded.Root), options, new Dictionary<string, string>(StringComparer.Ordinal), cancellationToken);
            var report = new GraphReport(
                loaded.Root,
                [.. graph.Services.Select(s => new GraphServiceReport(s.Service, s.Image, s.Folder, s.BuildStage, Words.Of(s.Freshness), s.Freshness == ImageFreshness.UpToDate, s.Note))],
                [.. graph.Edges.Select(e => new GraphEdgeReport(e.Service, e.DependsOn, Words.Of(e.Kind), Path.GetRelativePath(loaded.Root, e.File), e.Line))]);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(Console.Out, report);
            }
            else if (parse.GetValue(dot))
            {
                Console.Out.Write(GraphDot.Write(report));
            }
            else
            {
                Print(report);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(GraphReport report)
    {
        var width = Math.Max("SERVICE".Length, report.Services.Select(s => s.Name.Length).DefaultIfEmpty(0).Max());
        Console.Out.WriteLine($"{"SERVICE".PadRight(width)}  {"BUILD STAGE",-16}  {"IMAGE",-10}  NEEDS");
        foreach (var service in report.Services)
        {
            var needs = report.Edges.Where(e => e.Service == service.Name).Select(e => $"{e.DependsOn} ({e.Kind} {e.File}:{e.Line})");
            Console.Out.WriteLine($"{service.Name.PadRight(width)}  {service.BuildStage,-16}  {service.Freshness,-10}  {string.Join(", ", needs)}");
        }

        foreach (var service in report.Services.Where(s => s.Note is not null))
        {
            Console.Out.WriteLine($"{service.Name}: image state unknown: {service.Note}");
        }
    }
}
