using System.CommandLine;
using Cybernode.Build.Containers;
using Cybernode.Build.Workspaces;
using Cybernode.Cli.Output;
using Cybernode.Cli.Output.Reports;
using Cybernode.Providers.Selection;

namespace Cybernode.Cli.Commands;

/// <summary><c>cybernode doctor</c>: which container engines work here, and what to do about those that do not.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var workspace = CommonOptions.Workspace();
        var command = new Command("doctor", "Check each container engine (docker, podman, buildah): version, usable or not, why not and what to do")
        {
            json, workspace,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Only cybernode.yaml matters here (the provider order): a folder without services will do.
            var root = WorkspaceMarkers.FindRoot(parse.GetValue(workspace)!);
            var settings = new Workspace(root, WorkspaceSettingsReader.Read(root), []);
            var statuses = await new Doctor(WorkspaceProviders.All(settings)).CheckAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(Console.Out, new DoctorReport(statuses));
            }
            else
            {
                foreach (var status in statuses)
                {
                    Console.Out.WriteLine(status.Usable
                        ? $"{status.Name,-8} {status.Version,-12} usable"
                        : $"{status.Name,-8} {"-",-12} not usable: {status.Reason}\n{"",8} hint: {status.Hint}");
                }
            }

            // Exit 1 only when nothing can build: one working engine is enough.
            return statuses.Any(s => s.Usable) ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
