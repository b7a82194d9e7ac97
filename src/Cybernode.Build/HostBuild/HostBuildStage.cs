using Cybernode.Build.Locking;
using Cybernode.Build.Reporting;
using Cybernode.Build.Secrets;
using Cybernode.Build.Workspaces;
using Cybernode.Providers.Processes;

namespace Cybernode.Build.HostBuild;

/// <summary>
/// Runs a service's <c>01build.sh</c> on the host, in the service folder, with BUILD_DIR pointing at
/// its emptied <c>bin</c> folder. Everything it prints goes to the service's log. The script leads a
/// process group of its own, recorded in the service's lock while it runs: when it exits, or the
/// build is interrupted, everything it started is stopped with it, as a container's processes
/// end with the container.
/// </summary>
public static class HostBuildStage
{
    /// <param name="secretsFolder">The private folder of the build's secrets, as $CYBERNODE_SECRETS; null when there are none (the variable is then unset).</param>
    public static async Task RunAsync(Service service, string? secretsFolder, StepLog log, ServiceLock serviceLock, CancellationToken cancellationToken)
    {
        OutputFolder.Empty(service.OutputFolder);
        var command = Command(service, service.BuildScriptPath);
        var environment = new Dictionary<string, string?> { ["BUILD_DIR"] = service.OutputFolder, [SecretFolder.Variable] = secretsFolder };
        var spec = new ProcessSpec(command[0], command[1..], environment, service.Folder)
        {
            OwnProcessGroup = true,
            GroupStarted = group => serviceLock.RecordGroup(group),
        };
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(spec, log, cancellationToken);
        }
        catch (FileNotFoundException e)
        {
            throw new UserError($"cannot start {Service.BuildScriptName}: {e.Message}", service.BuildScriptPath,
                hint: "make it executable with a #! line, or a plain POSIX sh script");
        }
        finally
        {
            // The runner has stopped the group on every way out.
            serviceLock.RecordGroup(null);
        }

        if (!result.Succeeded)
        {
            throw new UserError(
                $"{Service.BuildScriptName} failed with exit code {result.ExitCode}; its last lines:\n  " + string.Join("\n  ", result.LastLines),
                service.BuildScriptPath,
                hint: $"the whole output is in {log.Path}");
        }
    }

    /// <summary>How the script runs in its folder: by its own #! line (as <paramref name="executable"/>) when it is executable, else with /bin/sh.</summary>
    public static string[] Command(Service service, string executable) =>
        IsExecutable(service.BuildScriptPath) ? [executable] : ["/bin/sh", Service.BuildScriptName];

    private static bool IsExecutable(string path) =>
        (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
