using System.Globalization;
using System.Text;

namespace Cybernode.Cli.Output;

/// <summary>
/// The full trace of an error nobody foresaw, kept in a file so the terminal gets one line:
/// under <c>WORKSPACE/.cybernode/logs/</c>, or in the temp folder when there is no workspace to
/// write to. It names the command but not its arguments, which may hold build-arg values.
/// </summary>
public static class CrashReport
{
    public static async Task<string> WriteAsync(Exception error, string command, string? workspace)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"crash-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.txt");
        var text = $"cybernode {command} failed at {DateTime.UtcNow:O} (UTC)\n\n{error}\n";
        foreach (var folder in Folders(workspace))
        {
            try
            {
                Directory.CreateDirectory(folder);
                var path = Path.Combine(folder, name);
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
                await using var stream = new FileStream(path, options);
                await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
                return path;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not writable (a read-only checkout, a full disk): try the next place.
            }
        }

        throw new IOException($"no folder to write the crash report to", error);
    }

    private static IEnumerable<string> Folders(string? workspace)
    {
        if (workspace is not null && Directory.Exists(workspace))
        {
            yield return Path.Combine(Path.GetFullPath(workspace), ".cybernode", "logs");
        }

        yield return Path.Combine(Path.GetTempPath(), "cybernode-crashes");
    }
}
