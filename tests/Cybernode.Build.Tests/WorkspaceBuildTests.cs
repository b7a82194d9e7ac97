using System.Text.Json;
using Cybernode.Build.Assembly;
using Cybernode.Build.Reporting;
using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Steps;
using Cybernode.Build.Tests.Fixtures;
using Cybernode.Build.Workspaces;

namespace Cybernode.Build.Tests;

public class WorkspaceBuildTests
{
    // Each script leaves a mark, then waits (up to 20 s) for the other's: only a build that runs
    // both at once gets past it.
    private static string MeetScript(string mine, string theirs) =>
        $"touch ../{mine}\nfor i in $(seq 200); do [ -e ../{theirs} ] && break; sleep 0.1; done\n[ -e ../{theirs} ]\necho {mine} > \"$BUILD_DIR/app\"\n";

    private static BuildOptions Options(TempFolder ws, int jobs) =>
        new(ws["store"], AssemblerOptions.Default, new Dictionary<string, string>(), []) { Jobs = jobs };

    [Fact]
    public async Task Independent_services_build_at_the_same_time_and_a_dependent_waits_for_its_base()
    {
        using var ws = new TempFolder();
        ws.Write("a/01build.sh", MeetScript("a-started", "b-started"));
        ws.Write("a/Dockerfile", "FROM scratch\nCOPY bin/app /a\n");
        ws.Write("b/01build.sh", MeetScript("b-started", "a-started"));
        ws.Write("b/Dockerfile", "FROM scratch\nCOPY bin/app /b\n");
        ws.Write("c/01build.sh", "echo c > \"$BUILD_DIR/app\"\n");
        ws.Write("c/Dockerfile", "FROM cybernode/a\nCOPY bin/app /c\n");
        var events = new RecordedEvents();

        var results = await new WorkspaceBuild(events).BuildAsync(WorkspaceLoader.Load(ws.Path), Options(ws, jobs: 2), TestContext.Current.CancellationToken);

        results.Select(r => (r.Name, r.Status)).ShouldBe([("a", ServiceStatus.Built), ("b", ServiceStatus.Built), ("c", ServiceStatus.Built)], ignoreOrder: true);
        StartOfRunImage(events, "c").ShouldBeGreaterThan(EndOfRunImage(events, "a"));
    }

    [Fact]
    public async Task A_dependents_build_script_runs_while_the_service_its_run_image_starts_from_is_still_building()
    {
        using var ws = new TempFolder();
        ws.Write("base/01build.sh", MeetScript("base-started", "child-started"));
        ws.Write("base/Dockerfile", "FROM scratch\nCOPY bin/app /base\n");
        ws.Write("child/01build.sh", MeetScript("child-started", "base-started"));
        ws.Write("child/Dockerfile", "FROM cybernode/base\nCOPY bin/app /child\n");
        var events = new RecordedEvents();

        var results = await new WorkspaceBuild(events).BuildAsync(WorkspaceLoader.Load(ws.Path), Options(ws, jobs: 2), TestContext.Current.CancellationToken);

        results.Select(r => (r.Name, r.Status)).ShouldBe([("base", ServiceStatus.Built), ("child", ServiceStatus.Built)]);
        StartOfRunImage(events, "child").ShouldBeGreaterThan(EndOfRunImage(events, "base"));
    }

    [Fact]
    public async Task A_built_service_reports_its_run_image_size_as_stored_and_a_failed_one_the_error_of_the_step_that_failed()
    {
        using var ws = new TempFolder();
        ws.Write("app/01build.sh", "head -c 5000 /dev/urandom > \"$BUILD_DIR/app\"\n");
        ws.Write("app/Dockerfile", "FROM scratch\nCOPY bin/app /app\n");
        ws.Write("broken/01build.sh", "exit 3\n");
        ws.Write("broken/Dockerfile", "FROM scratch\n");

        var results = await new WorkspaceBuild(new RecordedEvents()).BuildAsync(WorkspaceLoader.Load(ws.Path), Options(ws, jobs: 2), TestContext.Current.CancellationToken);

        var app = results.Single(r => r.Name == "app");
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(ws["store"], "blobs", "sha256", app.Digest!.ToString()["sha256:".Length..])));
        var root = manifest.RootElement;
        app.Size.ShouldBe(root.GetProperty("config").GetProperty("size").GetInt64() + root.GetProperty("layers").EnumerateArray().Sum(l => l.GetProperty("size").GetInt64()));
        app.Size!.Value.ShouldBeGreaterThan(5000);
        var broken = results.Single(r => r.Name == "broken");
        broken.Status.ShouldBe(ServiceStatus.Failed);
        broken.Error!.ShouldContain("01build.sh failed with exit code 3");
        broken.Size.ShouldBeNull();
    }

    /// <summary>Where in the stream of events the service's run image step started.</summary>
    private static int StartOfRunImage(RecordedEvents events, string service) =>
        events.All.ToList().FindIndex(e => e is StepStarted s && s.Step == new StepId(service, StepKind.RunImage));

    private static int EndOfRunImage(RecordedEvents events, string service) =>
        events.All.ToList().FindIndex(e => e is StepFinished f && f.Step == new StepId(service, StepKind.RunImage));

    [Fact]
    public async Task A_failed_service_skips_what_needs_it_and_not_the_rest()
    {
        using var ws = new TempFolder();
        ws.Write("base/01build.sh", "echo broken >&2\nexit 1\n");
        ws.Write("base/Dockerfile", "FROM scratch\n");
        ws.Write("child/Dockerfile", "FROM cybernode/base\n");
        ws.Write("other/Dockerfile", "FROM scratch\n");

        var results = await new WorkspaceBuild(new RecordedEvents()).BuildAsync(WorkspaceLoader.Load(ws.Path), Options(ws, jobs: 2), TestContext.Current.CancellationToken);

        results.Single(r => r.Name == "base").Status.ShouldBe(ServiceStatus.Failed);
        var child = results.Single(r => r.Name == "child");
        child.Status.ShouldBe(ServiceStatus.Skipped);
        child.Error!.ShouldContain("base");
        results.Single(r => r.Name == "other").Status.ShouldBe(ServiceStatus.Built);
    }
}
