using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// The ./cybernode launcher's build of the CLI, with a stand-in dotnet that records its commands
/// (a real first build takes minutes): each step is announced with its time, and a native build
/// that fails where a C toolchain exists is an error, not a silent ReadyToRun fallback.
/// </summary>
public sealed class LauncherTests : IDisposable
{
    private readonly TempFolder _folder = new("cybernode-launcher-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Repo => _folder.Combine("repo");

    private string Calls => _folder.Combine("dotnet-calls");

    [Fact]
    public async Task A_failing_native_build_with_a_C_toolchain_fails_after_printing_each_step_and_never_falls_back()
    {
        RequiredTool.Find("cc", "gcc");
        var tools = ToolsFolder(withCompiler: true, failing: "publish");

        var result = await LaunchAsync(tools);

        result.ExitCode.ShouldBe(1, result.StandardError);
        result.StandardError.ShouldMatch(@"cybernode: restoring packages\.\.\. \d+ s\n");
        result.StandardError.ShouldMatch(@"cybernode: compiling\.\.\. \d+ s\n");
        result.StandardError.ShouldMatch(@"cybernode: generating native code \(AOT publish\)\.\.\. failed after \d+ s\n");
        result.StandardError.ShouldContain("about 90 s");
        result.StandardError.ShouldContain("cybernode: building the CLI failed");
        var calls = File.ReadAllLines(Calls);
        calls.Length.ShouldBe(3);
        calls.ShouldAllBe(c => c.Contains("-p:PublishAot=true") && !c.Contains("ReadyToRun"));
    }

    [Fact]
    public async Task Without_a_C_toolchain_it_says_so_and_builds_ReadyToRun_code_then_runs_it()
    {
        var tools = ToolsFolder(withCompiler: false, failing: null);

        var result = await LaunchAsync(tools);

        result.ExitCode.ShouldBe(0, result.StandardError);
        result.StandardError.ShouldContain("no C toolchain");
        result.StandardError.ShouldMatch(@"cybernode: publishing ReadyToRun code\.\.\. \d+ s\n");
        var calls = File.ReadAllLines(Calls);
        calls[2].ShouldContain("-p:PublishReadyToRun=true");
        calls[^1].ShouldEndWith("cybernode.dll --version");
    }

    public void Dispose() => _folder.Dispose();

    private async Task<ProcessResult> LaunchAsync(string tools)
    {
        Directory.CreateDirectory(Path.Combine(Repo, "src"));
        File.Copy(Path.Combine(RepoPaths.Root, "cybernode"), Path.Combine(Repo, "cybernode"));
        File.SetUnixFileMode(Path.Combine(Repo, "cybernode"), (UnixFileMode)0b111_101_101);
        var options = new ProcessOptions { Environment = new Dictionary<string, string?> { ["PATH"] = tools, ["CALLS"] = Calls } };
        return await ProcessRunner.RunAsync(Path.Combine(Repo, "cybernode"), ["--version"], options, Token);
    }

    /// <summary>
    /// A PATH of the tools the launcher uses, a C compiler or not, and a dotnet that records each
    /// call, fails the step named <paramref name="failing"/>, and makes the published output.
    /// </summary>
    private string ToolsFolder(bool withCompiler, string? failing)
    {
        var tools = _folder.Combine("tools");
        Directory.CreateDirectory(tools);
        var needed = new Dictionary<string, string>
        {
            ["bash"] = "bash", ["sh"] = "dash", ["find"] = "findutils", ["flock"] = "util-linux",
            ["env"] = "coreutils", ["touch"] = "coreutils", ["rm"] = "coreutils", ["mv"] = "coreutils", ["mkdir"] = "coreutils",
            ["uname"] = "coreutils", ["dirname"] = "coreutils", ["readlink"] = "coreutils", ["tail"] = "coreutils", ["cat"] = "coreutils",
        };
        if (withCompiler)
        {
            needed["cc"] = "gcc";
        }

        foreach (var (tool, package) in needed)
        {
            File.CreateSymbolicLink(Path.Combine(tools, tool), RequiredTool.Find(tool, package));
        }

        var fail = failing is null ? "" : $"[ \"$1\" = {failing} ] && {{ echo 'ILC: error' >&2; exit 1; }}\n";
        var fake = "#!/bin/sh\necho \"$*\" >> \"$CALLS\"\n" + fail
            + "if [ \"$1\" = publish ]; then while [ $# -gt 0 ]; do [ \"$1\" = -o ] && { mkdir -p \"$2\"; touch \"$2/cybernode.dll\"; }; shift; done; fi\n";
        var dotnet = Path.Combine(tools, "dotnet");
        File.WriteAllText(dotnet, fake);
        File.SetUnixFileMode(dotnet, (UnixFileMode)0b111_101_101);
        return tools;
    }
}
