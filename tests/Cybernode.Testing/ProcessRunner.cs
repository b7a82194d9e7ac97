using System.Diagnostics;

namespace Cybernode.Testing;

/// <summary>Runs a program directly (no shell) and captures its output.</summary>
public static class ProcessRunner
{
    // After a kill, output still buffered in the pipes is worth showing, but a grandchild that
    // escaped the tree (setsid) may hold them open forever.
    private static readonly TimeSpan DrainAfterKill = TimeSpan.FromSeconds(2);

    public static async Task<ProcessResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        ProcessOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= ProcessOptions.Default;
        using var process = new Process { StartInfo = CreateStartInfo(program, arguments, options) };
        var commandLine = string.Join(' ', new[] { program }.Concat(process.StartInfo.ArgumentList));
        process.Start();

        var stdout = ReadAsync(process.StandardOutput, process.Id, options.OnOutputLine);
        var stderr = ReadAsync(process.StandardError, process.Id, options.OnErrorLine);

        using var timeout = new CancellationTokenSource(options.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await WriteStandardInputAsync(process, options.StandardInput, linked.Token);
            await process.WaitForExitAsync(linked.Token);
            // A background child that inherited the pipes keeps them open after the program exits.
            await Task.WhenAll(stdout, stderr).WaitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            await KillTreeAsync(process);
            cancellationToken.ThrowIfCancellationRequested();
            await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(DrainAfterKill, CancellationToken.None));
            throw new TimeoutException(
                $"`{commandLine}` did not finish within {options.Timeout} and was killed\n" +
                $"--- stdout\n{CompletedText(stdout)}\n--- stderr\n{CompletedText(stderr)}");
        }

        return new ProcessResult(commandLine, process.ExitCode, await stdout, await stderr);
    }

    private static ProcessStartInfo CreateStartInfo(string program, IEnumerable<string> arguments, ProcessOptions options)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = options.StandardInput is not null,
            WorkingDirectory = options.WorkingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in options.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return startInfo;
    }

    // Exact bytes when nobody watches the lines; line by line (each ended by \n) when a test does.
    private static async Task<string> ReadAsync(StreamReader reader, int pid, Action<int, string>? onLine)
    {
        if (onLine is null)
        {
            return await reader.ReadToEndAsync(CancellationToken.None);
        }

        var text = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
        {
            text.Append(line).Append('\n');
            onLine(pid, line);
        }

        return text.ToString();
    }

    private static async Task WriteStandardInputAsync(Process process, string? input, CancellationToken cancellationToken)
    {
        if (input is null)
        {
            return;
        }

        try
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading all of its input; its exit code tells the story.
        }
    }

    private static async Task KillTreeAsync(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own between the timeout and the kill.
        }

        await process.WaitForExitAsync(CancellationToken.None);
    }

    private static string CompletedText(Task<string> output) =>
        output.IsCompletedSuccessfully ? output.Result : "(still open)";
}
