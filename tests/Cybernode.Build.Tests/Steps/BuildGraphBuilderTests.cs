using Cybernode.Build.Assembly;
using Cybernode.Build.Planning;
using Cybernode.Build.Steps;
using Cybernode.Build.Tests.Fixtures;
using Cybernode.Build.Workspaces;

namespace Cybernode.Build.Tests.Steps;

public class BuildGraphBuilderTests
{
    private static BuildOptions Options(TempFolder ws, params string[] tags) =>
        new(ws["store"], AssemblerOptions.Default, new Dictionary<string, string>(), []) { Tags = tags };

    private static BuildGraph GraphOf(TempFolder ws, BuildOptions options) =>
        BuildGraphBuilder.Build(WorkspaceLoader.Load(ws.Path), options, new Dockerfiles(options.BuildArgs, options.Assembler.Platform));

    private static StepId Id(string service, StepKind kind) => new(service, kind);

    private static IReadOnlyList<StepId> NeedsOf(BuildGraph graph, string service, StepKind kind) => graph.Steps.Single(s => s.Id == Id(service, kind)).Needs;

    /// <summary>base is host-built; tool's Dockerfile-build starts FROM base; child's run image starts FROM base, its build image FROM outside.</summary>
    private static TempFolder EngineWorkspace()
    {
        var ws = new TempFolder();
        ws.Write("base/01build.sh", "true\n");
        ws.Write("base/Dockerfile", "FROM scratch\n");
        ws.Write("tool/Dockerfile-build", "FROM cybernode/base\nCMD [\"true\"]\n");
        ws.Write("tool/Dockerfile", "FROM scratch\n");
        ws.Write("child/Dockerfile-build", "FROM busybox\nCMD [\"true\"]\n");
        ws.Write("child/Dockerfile", "FROM scratch AS first\nFROM cybernode/base\nCOPY --from=first / /\n");
        return ws;
    }

    [Fact]
    public void Each_service_is_a_chain_of_the_steps_its_files_call_for()
    {
        using var ws = EngineWorkspace();
        ws.Write("plain/Dockerfile", "FROM scratch\n");

        var graph = GraphOf(ws, Options(ws, "v1"));

        graph.UsesEngine.ShouldBeTrue();
        graph.StepsOf("base").Select(s => s.Id.Kind).ShouldBe([StepKind.HostScript, StepKind.RunImage, StepKind.EngineLoad, StepKind.Tag]);
        graph.StepsOf("child").Select(s => s.Id.Kind).ShouldBe([StepKind.BuildImage, StepKind.BuildRun, StepKind.RunImage, StepKind.EngineLoad, StepKind.Tag]);
        graph.StepsOf("plain").Select(s => s.Id.Kind).ShouldBe([StepKind.RunImage, StepKind.EngineLoad, StepKind.Tag]);
        NeedsOf(graph, "child", StepKind.BuildRun).ShouldBe([Id("child", StepKind.BuildImage)]);
        NeedsOf(graph, "child", StepKind.Tag).ShouldBe([Id("child", StepKind.EngineLoad)]);
    }

    [Fact]
    public void A_service_built_after_another_starts_its_first_step_after_that_service_is_built()
    {
        using var ws = new TempFolder();
        ws.Write("tool/01build.sh", "true\n");
        ws.Write("tool/Dockerfile", "FROM scratch\n");
        ws.Write("late/01build.sh", "cp ../tool/bin/* \"$BUILD_DIR\"\n");
        ws.Write("late/Dockerfile", "FROM scratch\n");
        ws.Write("cybernode.yaml", "services:\n  late:\n    build_after: [tool]\n");

        var graph = GraphOf(ws, Options(ws));

        NeedsOf(graph, "late", StepKind.HostScript).ShouldBe([Id("tool", StepKind.RunImage)]);
        NeedsOf(graph, "late", StepKind.RunImage).ShouldBe([Id("late", StepKind.HostScript)]);
    }

    [Fact]
    public void A_run_image_needs_the_run_images_it_starts_from_and_a_build_image_what_its_dockerfile_build_names()
    {
        using var ws = EngineWorkspace();

        var graph = GraphOf(ws, Options(ws));

        // child's build stage needs nothing of base: it runs while base is still building.
        NeedsOf(graph, "child", StepKind.BuildImage).ShouldBeEmpty();
        NeedsOf(graph, "child", StepKind.RunImage).ShouldBe([Id("child", StepKind.BuildRun), Id("base", StepKind.RunImage)]);

        // tool's build image is built by the engine, which must hold base's image first.
        NeedsOf(graph, "tool", StepKind.BuildImage).ShouldBe([Id("base", StepKind.EngineLoad)]);
        NeedsOf(graph, "tool", StepKind.RunImage).ShouldBe([Id("tool", StepKind.BuildRun)]);
        graph.Services.Select(s => s.Name).ShouldBe(["base", "child", "tool"]);
    }

    [Fact]
    public void A_host_built_workspace_has_no_engine_steps_and_tags_only_what_is_asked()
    {
        using var ws = new TempFolder();
        ws.Write("a/01build.sh", "true\n");
        ws.Write("a/Dockerfile", "FROM scratch\n");
        ws.Write("b/Dockerfile", "FROM cybernode/a\n");

        var graph = GraphOf(ws, Options(ws));

        graph.UsesEngine.ShouldBeFalse();
        graph.Steps.Select(s => s.Id).ShouldBe([Id("a", StepKind.HostScript), Id("a", StepKind.RunImage), Id("b", StepKind.RunImage)]);
        NeedsOf(graph, "b", StepKind.RunImage).ShouldBe([Id("a", StepKind.RunImage)]);
    }

    [Fact]
    public void With_the_engine_assembler_a_run_image_needs_the_image_in_the_engine()
    {
        using var ws = EngineWorkspace();

        var graph = GraphOf(ws, Options(ws) with { RunImageAssembler = AssemblerKind.Engine });

        graph.Steps.ShouldNotContain(s => s.Id.Kind == StepKind.EngineLoad);
        NeedsOf(graph, "child", StepKind.RunImage).ShouldBe([Id("child", StepKind.BuildRun), Id("base", StepKind.RunImage)]);
    }

    [Fact]
    public async Task Run_with_step_bodies_of_its_own_a_build_image_builds_while_the_base_it_will_start_from_is_still_building()
    {
        using var ws = EngineWorkspace();
        var graph = GraphOf(ws, Options(ws));
        var concurrency = new Concurrency();
        var bodies = new Dictionary<StepId, GatedStep>();
        var events = new RecordedEvents();
        var steps = graph.ToStepGraph(spec => bodies[spec.Id] = new GatedStep(spec.Id, spec.Needs, concurrency), [new StepRecorder()]);
        var run = new StepScheduler(events, id => new StepContext(id, events, "log")).RunAsync(steps, TestContext.Current.CancellationToken);

        await Task.WhenAll(bodies[Id("base", StepKind.HostScript)].Started, bodies[Id("child", StepKind.BuildImage)].Started);
        bodies[Id("child", StepKind.BuildImage)].Finish();
        await bodies[Id("child", StepKind.BuildRun)].Started;
        bodies[Id("child", StepKind.BuildRun)].Finish();

        // child's run image waits for base's, which has not even started.
        bodies[Id("child", StepKind.RunImage)].HasStarted.ShouldBeFalse();
        // By name, not by whether it started: the scheduler may start child's run image the moment base's finishes.
        HashSet<StepId> finished = [Id("child", StepKind.BuildImage), Id("child", StepKind.BuildRun)];
        foreach (var step in graph.Steps.Where(s => !finished.Contains(s.Id)))
        {
            await bodies[step.Id].Started;
            bodies[step.Id].Finish();
        }

        (await run).Values.ShouldAllBe(o => o.Status == StepStatus.Done);
    }
}
