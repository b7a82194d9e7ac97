using System.Diagnostics;
using Cybernode.Build.Reporting;
using Cybernode.Build.Workspaces;

namespace Cybernode.Build.HostBuild;

/// <summary>
/// Runs a service's <c>01build.sh</c> on the host, in the service folder, with BUILD_DIR pointing at
/// its emptied <c>bin</c> folder. Everything it prints goes to the reporter and to a log file.
/// </summary>
public sealed class HostBuildStage(string logFolder, IBuildReporter reporter)
{
    private const int TailLines = 20;

    public async Task RunAsync(Service service, CancellationToken cancellationToken)
    {
        PrepareOutputFolder(service.OutputFolder);
        Directory.CreateDirectory(logFolder);
        var logPath = Path.Combine(logFolder, $"{service.Name}.build.log");
        var tail = new Queue<string>();

        var start = new ProcessStartInfo
        {
            WorkingDirectory = service.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (IsExecutable(service.BuildScriptPath))
        {
            start.FileName = service.BuildScriptPath;
        }
        else
        {
            start.FileName = "sh";
            start.ArgumentList.Add(Service.BuildScriptName);
        }

        start.Environment["BUILD_DIR"] = service.OutputFolder;

        await using var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        using var process = new Process { StartInfo = start };
        var gate = new object();
        void Record(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                log.WriteLine(line);
                tail.Enqueue(line);
                if (tail.Count > TailLines)
                {
                    tail.Dequeue();
                }

                reporter.Output(service.Name, line);
            }
        }

        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new UserError($"cannot start {Service.BuildScriptName}: {e.Message}", service.BuildScriptPath,
                hint: "make it executable with a #! line, or a plain POSIX sh script");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            string[] last;
            lock (gate)
            {
                last = [.. tail];
            }

            throw new UserError(
                $"{Service.BuildScriptName} failed with exit code {process.ExitCode}; its last lines:\n  " + string.Join("\n  ", last),
                service.BuildScriptPath,
                hint: $"the whole output is in {logPath}");
        }
    }

    private static void PrepareOutputFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
    }

    private static bool IsExecutable(string path) =>
        (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
