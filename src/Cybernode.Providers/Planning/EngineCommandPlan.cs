namespace Cybernode.Providers.Planning;

/// <summary>
/// The commands a user would type to build a service by hand with one engine: build the build
/// image, empty bin, run the build image with bin at /build, build the run image, tag it. The provider
/// spells its own commands, so the plan is what a real build runs.
/// </summary>
public static class EngineCommandPlan
{
    /// <param name="workingDirectory">Folders under it are shown relative to it; mounts are always absolute.</param>
    public static IReadOnlyList<EngineCommand> For(IContainerProvider provider, PlannedService service, string workingDirectory)
    {
        var folder = Path.GetFullPath(service.Folder);
        var shown = Shown(folder, workingDirectory);
        var output = Path.Combine(folder, PlannedService.OutputFolderName);
        var commands = new List<EngineCommand>();
        if (service.HasBuildDockerfile || service.HasBuildScript)
        {
            if (service.HasBuildDockerfile)
            {
                commands.AddRange(provider.PlanBuildImage(new BuildImageRequest(shown, Path.Combine(shown, PlannedService.BuildDockerfileName), service.BuildImage)));
            }

            commands.Add(new EngineCommand("rm", ["-rf", output]));
            commands.Add(new EngineCommand("mkdir", ["-p", output]));
        }

        if (service.HasBuildDockerfile)
        {
            commands.AddRange(provider.PlanRunBuild(new RunBuildRequest(service.Name, service.BuildImage, output)
            {
                ContainerName = $"cybernode-build-{service.Name}",
                ImageCommand = service.BuildCommand,
                CacheVolumes = service.CacheVolumes,
            }));
        }
        else if (service.HasBuildScript)
        {
            commands.Add(new EngineCommand("env", ["-C", shown, $"BUILD_DIR={output}", "sh", PlannedService.BuildScriptName]) { Note = "on the host" });
        }

        var runDockerfile = Path.Combine(shown, PlannedService.RunDockerfileName);
        commands.AddRange(service.RunImageInProcess
            ? [EngineCommand.Comment($"{service.RunImage} assembled in-process from {runDockerfile}, then loaded into {provider.Name}")]
            : provider.PlanBuildImage(new BuildImageRequest(shown, runDockerfile, service.RunImage)));
        foreach (var name in service.ExtraNames)
        {
            commands.AddRange(provider.PlanTagImage(service.RunImage, name));
        }

        return commands;
    }

    private static string Shown(string folder, string workingDirectory)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(workingDirectory), folder);
        return relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? folder : relative;
    }
}
