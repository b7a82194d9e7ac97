using System.Text.Json;
using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>Several `cybernode build` of the same workspace at once: each waits for the others' services, none sees another's half-built bin/.</summary>
public sealed class ConcurrentBuildTests : IDisposable
{
    private const int Builds = 4;

    private readonly TempFolder _directory = new("cybernode-concurrent-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Workspace => _directory.Combine("ws");

    [Fact]
    public async Task Four_builds_of_one_workspace_at_once_each_report_the_digests_of_a_lone_build()
    {
        WriteWorkspace();
        var lone = await CybernodeCli.RunAsync(["build", Workspace, "--json", "--store", _directory.Combine("lone-store")], Token);
        var expected = Digests(lone);

        var runs = await Task.WhenAll(Enumerable.Range(0, Builds).Select(_ =>
            CybernodeCli.RunAsync(["build", Workspace, "--json", "--store", _directory.Combine("shared-store")], Token)));

        foreach (var run in runs)
        {
            run.ExitCode.ShouldBe(0, run.StandardError);
            Digests(run).ShouldBe(expected, run.StandardError);
        }

        runs.ShouldContain(run => run.StandardError.Contains("waiting for another build of", StringComparison.Ordinal), "the builds never overlapped");
    }

    [Fact]
    public async Task With_no_wait_a_service_another_build_is_building_fails_in_one_line()
    {
        var started = _directory.Combine("started");
        var release = _directory.Combine("release");
        WriteService("slow", $"touch {started}\nfor i in $(seq 600); do [ -e {release} ] && break; sleep 0.1; done\necho ok > \"$BUILD_DIR/app\"\n");
        var first = CybernodeCli.RunAsync(["build", Workspace, "--store", _directory.Combine("store")], Token);
        for (var i = 0; i < 600 && !File.Exists(started); i++)
        {
            await Task.Delay(100, Token);
        }

        var refused = await CybernodeCli.RunAsync(["build", Workspace, "--no-wait", "--store", _directory.Combine("store")], Token);
        await File.WriteAllTextAsync(release, "", Token);
        var finished = await first;

        refused.ExitCode.ShouldBe(1, refused.StandardError);
        refused.StandardError.ShouldContain($"{Path.Combine(Workspace, ".cybernode", "locks", "slow.lock")}: another build of slow is running");
        refused.StandardError.ShouldNotContain("   at ");
        finished.ExitCode.ShouldBe(0, finished.StandardError);
    }

    public void Dispose() => _directory.Dispose();

    private static Dictionary<string, string> Digests(ProcessResult run)
    {
        using var output = JsonDocument.Parse(run.StandardOutput);
        return output.RootElement.GetProperty("services").EnumerateArray().ToDictionary(
            service => service.GetProperty("name").GetString()!,
            service => service.GetProperty("digest").GetString() ?? $"(none: {service.GetProperty("status").GetString()})");
    }

    // Three services whose scripts write their payload in steps, so one build emptying bin/ while
    // another assembles from it shows in the digests, and a fourth built on top of the first.
    private void WriteWorkspace()
    {
        foreach (var name in (string[])["alpha", "beta", "gamma"])
        {
            WriteService(name, $"set -e\nfor i in 1 2 3 4 5; do seq -f '{name} line %g' 1 20000 > \"$BUILD_DIR/part$i.txt\"; sleep 0.2; done\necho 1.0 > \"$BUILD_DIR/VERSION\"\n");
        }

        WriteService("delta", "set -e\nseq 1 30000 > \"$BUILD_DIR/delta.txt\"\nsleep 0.5\n", "FROM cybernode/alpha\nCOPY bin/ /delta/\n");
    }

    private void WriteService(string name, string script, string dockerfile = "FROM scratch\nCOPY bin/ /app/\n")
    {
        var service = Path.Combine(Workspace, name);
        Directory.CreateDirectory(service);
        File.WriteAllText(Path.Combine(service, "01build.sh"), script);
        File.WriteAllText(Path.Combine(service, "Dockerfile"), dockerfile);
    }
}
