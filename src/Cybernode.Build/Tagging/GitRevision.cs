using Cybernode.Build.Assembly;
using Cybernode.Build.Workspaces;
using Cybernode.Providers.Processes;

namespace Cybernode.Build.Tagging;

/// <summary>
/// The commit a workspace is at (<c>git rev-parse HEAD</c>) and whether tracked files differ from it,
/// as <c>git describe --dirty</c> counts them (untracked files, such as bin/ and .cybernode/, do not).
/// Asked once per build, whatever the number of services.
/// </summary>
public sealed class GitRevision(string workspaceRoot)
{
    private readonly Lazy<Task<(string Hash, bool Dirty)>> _state = new(() => ReadAsync(workspaceRoot));

    /// <summary>The full hash, with <c>-dirty</c> when the tree has changes; <paramref name="length"/> shortens the hash.</summary>
    public async Task<string> DescribeAsync(int? length)
    {
        var (hash, dirty) = await _state.Value;
        return (length is { } n && n < hash.Length ? hash[..n] : hash) + (dirty ? "-dirty" : "");
    }

    private static async Task<(string Hash, bool Dirty)> ReadAsync(string root)
    {
        var head = await GitAsync(root, ["rev-parse", "--verify", "HEAD"]);
        if (!head.Succeeded)
        {
            throw new UserError($"{{rev}} needs a git commit, and {root} is not in a git repository with one ({Why(head)})",
                hint: $"commit the workspace in git, or have the build stage write {Service.OutputFolderName}/{VersionLabels.RevisionFile}");
        }

        var status = await GitAsync(root, ["status", "--porcelain", "--untracked-files=no"]);
        if (!status.Succeeded)
        {
            throw new UserError($"git status failed in {root}: {Why(status)}", hint: "run git status there to see why");
        }

        return (head.StandardOutput.Trim(), status.StandardOutput.Trim().Length > 0);
    }

    private static string Why(ProcessResult result) => result.LastLines.Count > 0 ? result.LastLines[^1] : $"git exited {result.ExitCode}";

    private static async Task<ProcessResult> GitAsync(string root, IReadOnlyList<string> arguments)
    {
        // The user's git settings stay, but no pager, prompt or lock: status must not write the index.
        var environment = new Dictionary<string, string?> { ["GIT_OPTIONAL_LOCKS"] = "0", ["GIT_TERMINAL_PROMPT"] = "0" };
        try
        {
            return await ProcessRunner.RunAsync(new ProcessSpec("git", ["-C", root, .. arguments], environment), null, CancellationToken.None);
        }
        catch (FileNotFoundException e)
        {
            throw new UserError($"{{rev}} needs git, which cannot be started: {e.Message}", hint: "install git (apt-get install git)");
        }
    }
}
