using Cybernode.Build.Caching;
using Cybernode.Build.Steps;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Store;

namespace Cybernode.Build.Tests.Caching;

public class StepCacheTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private sealed class Scene : IDisposable
    {
        public Scene()
        {
            Folder.Write("svc/main.go", "package main\n");
            Folder.Write("svc/01build.sh", "echo build\n");
            Service = new Service("svc", "svc", Folder["svc"], "cybernode");
        }

        public TempFolder Folder { get; } = new();

        public Service Service { get; }

        public int Runs { get; private set; }

        public async Task<StepOutcome> BuildAsync(CachePolicy? policy = null, bool fail = false)
        {
            using var store = await OciLayoutStore.OpenAsync(Folder["store"], Token);
            var stats = StatCache.Load(Folder["state"]);
            var cache = new StepCache(new OutputCache(store, stats), policy ?? Policy(), Folder.Path);
            var outcome = await cache.RunAsync(new ScriptStep(Service), _ =>
            {
                Runs++;
                Directory.CreateDirectory(Service.OutputFolder);
                File.WriteAllText(Path.Combine(Service.OutputFolder, "app"), File.ReadAllText(Folder["svc/main.go"]));
                return Task.FromResult(fail ? new StepOutcome(StepStatus.Failed, Error: "exit 1") : new StepOutcome(StepStatus.Done));
            }, Token);
            await stats.SaveAsync(Token);
            return outcome;
        }

        public static CachePolicy Policy(string arg = "1") => new(new Dictionary<string, string> { ["VERSION"] = arg }, new Dictionary<string, string?>());

        public void Dispose() => Folder.Dispose();
    }

    /// <summary>A host script as the cache sees it: the service folder in, bin/ out.</summary>
    private sealed class ScriptStep(Service service) : ICacheableStep
    {
        public StepId Id { get; } = new(service.Name, StepKind.HostScript);

        public string InputFolder => service.Folder;

        public string OutputFolder => service.OutputFolder;

        public IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string> { ["BUILD_DIR"] = service.OutputFolder };

        public Task<IReadOnlyDictionary<string, string>> ImagesAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());
    }

    [Fact]
    public async Task Unchanged_inputs_skip_the_step_and_put_a_deleted_output_back()
    {
        using var scene = new Scene();
        (await scene.BuildAsync()).ShouldBe(new StepOutcome(StepStatus.Done, "no cache entry"));
        Directory.Delete(scene.Service.OutputFolder, recursive: true);

        var second = await scene.BuildAsync();
        second.Status.ShouldBe(StepStatus.Cached);
        scene.Runs.ShouldBe(1);
        File.ReadAllText(Path.Combine(scene.Service.OutputFolder, "app")).ShouldBe("package main\n");
    }

    [Fact]
    public async Task A_changed_file_or_build_arg_runs_the_step_and_says_which()
    {
        using var scene = new Scene();
        await scene.BuildAsync();
        scene.Folder.Write("svc/main.go", "package main // v2\n");
        (await scene.BuildAsync()).Reason.ShouldBe("files changed: 'main.go' (modified)");
        (await scene.BuildAsync(Scene.Policy(arg: "2"))).Reason.ShouldBe("build args changed: 'VERSION' (modified)");
        scene.Runs.ShouldBe(3);
    }

    [Fact]
    public async Task Output_files_the_step_writes_are_not_inputs()
    {
        using var scene = new Scene();
        await scene.BuildAsync();
        (await scene.BuildAsync()).Status.ShouldBe(StepStatus.Cached);
    }

    [Fact]
    public async Task A_failed_step_caches_nothing()
    {
        using var scene = new Scene();
        (await scene.BuildAsync(fail: true)).Status.ShouldBe(StepStatus.Failed);
        (await scene.BuildAsync()).Reason.ShouldBe("no cache entry");
        scene.Runs.ShouldBe(2);
    }

    [Theory]
    [InlineData("no-cache", "--no-cache")]
    [InlineData("filter", "--no-cache-filter svc")]
    [InlineData("always", "rebuild: always in cybernode.yaml")]
    public async Task A_forced_step_runs_with_unchanged_inputs_and_says_why(string how, string reason)
    {
        using var scene = new Scene();
        await scene.BuildAsync();
        var svc = new HashSet<string> { "svc" };
        var policy = how switch
        {
            "no-cache" => Scene.Policy() with { NoCache = true },
            "filter" => Scene.Policy() with { NoCacheFilter = svc },
            _ => Scene.Policy() with { RebuildAlways = svc },
        };
        (await scene.BuildAsync(policy)).ShouldBe(new StepOutcome(StepStatus.Done, reason));
        scene.Runs.ShouldBe(2);
    }
}
