using System.Diagnostics;
using Cybernode.Build.Assembly;
using Cybernode.Build.HostBuild;
using Cybernode.Build.Planning;
using Cybernode.Build.Reporting;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Store;

namespace Cybernode.Build;

/// <summary>
/// Builds the services of a workspace in dependency order: the build stage (01build.sh on the
/// host for now), then the run image. A failed service fails those that need it, not the rest.
/// </summary>
public sealed class BuildEngine(IBuildReporter reporter)
{
    public const string VersionFile = "VERSION";
    public const string RevisionFile = "REVISION";

    public async Task<IReadOnlyList<ServiceResult>> BuildAsync(Workspace workspace, BuildOptions options, CancellationToken cancellationToken)
    {
        foreach (var wanted in options.Services)
        {
            if (workspace.FindService(wanted) is null)
            {
                throw new UserError($"no service '{wanted}' in {workspace.Root}", hint: $"services: {string.Join(", ", workspace.Services.Select(s => s.Name))}");
            }
        }

        if (options.TargetStage is not null && options.Services.Count != 1)
        {
            throw new UserError("--target picks a stage of one Dockerfile: name exactly one service", hint: "e.g. cybernode build WORKSPACE SERVICE --target STAGE");
        }

        var dependencies = DependencyFinder.Find(workspace, options.BuildArgs, options.Assembler.Platform);
        var wantedNames = options.Services.Count == 0 ? workspace.Services.Select(s => s.Name) : options.Services.Select(s => workspace.FindService(s)!.Name);
        var order = BuildOrder.Resolve(workspace.Services.Select(s => s.Name).ToList(), dependencies, wantedNames);

        var store = await OciLayoutStore.OpenAsync(options.StorePath, cancellationToken);
        var assembler = new InProcessAssembler(store, options.Assembler);
        var hostStage = new HostBuildStage(Path.Combine(workspace.Root, ".cybernode", "logs"), reporter);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var results = new List<ServiceResult>();
        foreach (var name in order)
        {
            var service = workspace.FindService(name)!;
            var blockedBy = dependencies.Where(d => d.Service == name && failed.Contains(d.DependsOn)).Select(d => d.DependsOn).FirstOrDefault();
            ServiceResult result;
            if (blockedBy is not null)
            {
                result = new ServiceResult(name, service.ImageName, ServiceStatus.Skipped, Error: $"not built: it needs {blockedBy}, which failed");
            }
            else
            {
                result = await BuildServiceAsync(workspace, service, assembler, hostStage, options, cancellationToken);
            }

            if (result.Status is ServiceStatus.Failed or ServiceStatus.Skipped)
            {
                failed.Add(name);
            }

            reporter.ServiceFinished(result);
            results.Add(result);
        }

        return results;
    }

    private async Task<ServiceResult> BuildServiceAsync(Workspace workspace, Service service, InProcessAssembler assembler, HostBuildStage hostStage, BuildOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            if (service.HasBuildDockerfile)
            {
                throw new UserError($"{Service.BuildDockerfileName} needs a container provider (docker, podman or buildah) to build and run the build image, and none is available in this version",
                    service.BuildDockerfilePath, hint: $"for a build without containers, keep only {Service.BuildScriptName}: it runs on the host with BUILD_DIR set");
            }

            if (service.HasBuildScript)
            {
                reporter.StageStarted(service.Name, "build");
                await hostStage.RunAsync(service, cancellationToken);
            }

            reporter.StageStarted(service.Name, "image");
            var target = options.Services.Count == 1 && workspace.FindService(options.Services[0]) == service ? options.TargetStage : null;
            var request = new AssemblyRequest(service.DockerfilePath, service.Folder, service.ImageName, options.BuildArgs, VersionLabels(service), target);
            var image = await assembler.AssembleAsync(request, cancellationToken);
            return new ServiceResult(service.Name, service.ImageName, image.FromCache ? ServiceStatus.Cached : ServiceStatus.Built, image.Manifest.Digest, Duration: clock.Elapsed);
        }
        catch (UserError e)
        {
            return new ServiceResult(service.Name, service.ImageName, ServiceStatus.Failed, Error: e.Describe(), Duration: clock.Elapsed);
        }
    }

    /// <summary>The OCI version and revision labels, from VERSION and REVISION files the build step wrote.</summary>
    private static Dictionary<string, string> VersionLabels(Service service)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var version = ReadFirstLine(Path.Combine(service.OutputFolder, VersionFile));
        if (version is not null)
        {
            labels["org.opencontainers.image.version"] = version;
        }

        var revision = ReadFirstLine(Path.Combine(service.OutputFolder, RevisionFile));
        if (revision is not null)
        {
            labels["org.opencontainers.image.revision"] = revision;
        }

        return labels;
    }

    private static string? ReadFirstLine(string path) =>
        File.Exists(path) ? File.ReadLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) : null;
}
