using System.Diagnostics;
using System.Text.Json;
using Cybernode.Oci.Tests.Fixtures;
using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Cli;

/// <summary>
/// The two-phase build through the cybernode CLI against a real engine: the example workspace with
/// both assemblers, caches, tags and labels, images flowing from the store into the engine, and
/// the faults of a build run (failing CMD, empty bin, Ctrl-C).
/// </summary>
[Trait("Category", "Engine")]
public abstract class TwoPhaseBuildTests(EngineFixture engine) : IDisposable
{
    private static readonly Dictionary<string, string> Prints = new()
    {
        ["hello"] = "hello from two-phase",
        ["fortune"] = "A build that runs twice gives the same bytes.",
        ["counter"] = "counter: run 1",
    };

    private readonly CancellationTokenSource _timeout = CreateTimeout();

    private CancellationToken Token => _timeout.Token;

    private string Provider => engine.Provider.Name;

    [Fact]
    public async Task Both_assemblers_build_the_example_into_images_that_print_the_same()
    {
        engine.Require();
        using var workspace = await TwoPhaseWorkspace.ExampleAsync(Token);

        foreach (var assembler in new[] { "in-process", "engine" })
        {
            var build = await CybernodeAsync("build", workspace.Root, "--provider", Provider, "--assembler", assembler);

            build.ExitCode.ShouldBe(0, build.ToString());
            foreach (var (service, line) in Prints)
            {
                (await engine.RunImageAsync(workspace, $"cybernode/{service}:latest")).ShouldContain(line, $"{service} built {assembler}");
            }
        }
    }

    [Fact]
    public async Task The_original_layout_whose_build_image_declares_VOLUME_build_keeps_the_binaries_its_CMD_copies_there()
    {
        engine.Require();
        using var workspace = await TwoPhaseWorkspace.ExampleAsync(Token);
        foreach (var service in Prints.Keys)
        {
            // btcd's and parity's Dockerfile-build declare the volume their CMD copies into.
            File.AppendAllText(Path.Combine(workspace.Root, service, "Dockerfile-build"), "VOLUME /build\n");
        }

        var build = await CybernodeAsync("build", workspace.Root, "--provider", Provider);

        build.ExitCode.ShouldBe(0, build.ToString());
        foreach (var (service, line) in Prints)
        {
            Directory.EnumerateFiles(Path.Combine(workspace.Root, service, "bin")).ShouldNotBeEmpty($"{service}/bin");
            (await engine.RunImageAsync(workspace, $"cybernode/{service}:latest")).ShouldContain(line, service);
        }
    }

    [Fact]
    public async Task The_output_folder_is_left_out_of_the_build_context_so_the_next_build_reuses_the_build_image()
    {
        engine.Require();
        using var workspace = await TwoPhaseWorkspace.EmptyAsync(Token);

        // The user's rules come first, in order; bin/ is left out after them, so even a rule re-including something in bin/ does not bring it back.
        workspace.Write("svc/.dockerignore", "*.tmp\n!keep.tmp\n!bin/kept\n");
        workspace.Write("svc/keep.tmp", "kept\n");
        workspace.Write("svc/junk.tmp", "junk\n");
        workspace.Write("svc/src/app.txt", "app\n");
        workspace.Write("svc/Dockerfile-build", "FROM cybernode/busybox-base\nCOPY . /src\nRUN find /src | sort > /listing\nCMD cp /listing /build/listing\n");
        workspace.Write("svc/Dockerfile", "FROM cybernode/busybox-base\nADD bin/* /cyberapp/\n");
        var bin = Path.Combine(workspace.Root, "svc", "bin");

        var first = await CybernodeAsync("build", workspace.Root, "--provider", Provider);
        var firstId = await engine.Provider.ImageIdAsync("cybernode/build-svc:latest", Token);
        first.ExitCode.ShouldBe(0, first.ToString());
        File.WriteAllText(Path.Combine(bin, "kept"), "a file the last build left in bin/\n");
        var second = await CybernodeAsync("build", workspace.Root, "--provider", Provider);
        var secondId = await engine.Provider.ImageIdAsync("cybernode/build-svc:latest", Token);

        second.ExitCode.ShouldBe(0, second.ToString());
        firstId.ShouldNotBeNull();
        secondId.ShouldBe(firstId, "the build image is reused: nothing in its context changed but bin/");
        var listing = File.ReadAllLines(Path.Combine(bin, "listing"));
        listing.ShouldContain("/src/keep.tmp");
        listing.ShouldContain("/src/src/app.txt");
        listing.ShouldContain("/src/Dockerfile-build");
        listing.ShouldNotContain("/src/junk.tmp");
        listing.ShouldNotContain(l => l.StartsWith("/src/bin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_version_file_becomes_a_label_and_every_tag_names_the_image_in_the_store_and_the_engine()
    {
        engine.Require();
        using var workspace = await TwoPhaseWorkspace.EmptyAsync(Token);
        var hello = Examples.CopyService("hello", workspace.Root);
        File.AppendAllText(Path.Combine(hello, "01build.sh"), "echo 2.5.0 > \"$out/VERSION\"\n");
        workspace.Write("cybernode.yaml", "tags: [stable]\nservices:\n  hello:\n    tags: [edge]\n");

        var build = await CybernodeAsync("build", workspace.Root, "--provider", Provider, "--tag", "v1");
        var inspect = await CybernodeAsync("inspect", "cybernode/hello:v1", "--json", "--store", workspace.Store);
        var images = await CybernodeAsync("images", "--json", "--store", workspace.Store);

        build.ExitCode.ShouldBe(0, build.ToString());
        using var config = JsonDocument.Parse(inspect.StandardOutput);
        config.RootElement.GetProperty("config").GetProperty("config").GetProperty("Labels")
            .GetProperty("org.opencontainers.image.version").GetString().ShouldBe("2.5.0");
        using var listed = JsonDocument.Parse(images.StandardOutput);
        var names = listed.RootElement.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        names.ShouldContain("cybernode/hello:v1");
        names.ShouldContain("cybernode/hello:stable");
        names.ShouldContain("cybernode/hello:edge");
        (await engine.Provider.ImageIdAsync("cybernode/hello:edge", Token)).ShouldNotBeNull();
        (await engine.RunImageAsync(workspace, "cybernode/hello:v1")).ShouldContain("hello from two-phase");
    }

    [Fact]
    public async Task A_cache_volume_keeps_its_content_from_one_build_to_the_next()
    {
        engine.Require();
        using var workspace = await TwoPhaseWorkspace.EmptyAsync(Token);
        var volume = $"cybernode-test-{Guid.NewGuid():N}";
        workspace.Write("cybernode.yaml", $"services:\n  cached:\n    cache:\n      {volume}: /cache\n");

        var first = await BuildServiceAsync(workspace, "cached", "n=$(( $(cat /cache/n 2>/dev/null || echo 0) + 1 )); echo $n > /cache/n; echo $n > /build/runs");
        // Unchanged, the build cache would skip the build run: force it to see what the volume kept.
        var second = await CybernodeAsync("build", workspace.Root, "--provider", Provider, "--no-cache-filter", "cached");

        first.ExitCode.ShouldBe(0, first.ToString());
        second.ExitCode.ShouldBe(0, second.ToString());
        File.ReadAllText(Path.Combine(workspace.Root, "cached", "bin", "runs")).Trim().ShouldBe("2");
    }

    [Fact]
    public async Task Images_in_the_store_and_other_services_images_are_loaded_into_the_engine_before_a_build_starts_FROM_them()
    {
        engine.Require();
        using var workspace = await TwoPhaseWorkspace.EmptyAsync(Token);
        var archive = (await BusyboxBase.GetAsync()).ArchivePath(ArchiveFormat.DockerArchive.TransportName());
        var import = await CybernodeAsync("import", $"docker-archive:{archive}", "cybernode-test/imported-base:latest", "--store", workspace.Store);
        workspace.Write("first/Dockerfile-build", "FROM cybernode-test/imported-base\nCMD echo built first > /build/first\n");
        workspace.Write("first/Dockerfile", "FROM cybernode-test/imported-base\nADD bin/* /cyberapp/\nCMD [\"/bin/cat\", \"/cyberapp/first\"]\n");
        workspace.Write("second/Dockerfile-build", "FROM cybernode/first\nCMD cp /cyberapp/first /build/second\n");
        workspace.Write("second/Dockerfile", "FROM cybernode/first\nADD bin/* /cyberapp/\nCMD [\"/bin/cat\", \"/cyberapp/second\"]\n");

        var build = await CybernodeAsync("build", workspace.Root, "--provider", Provider, "--assembler", "engine");

        import.ExitCode.ShouldBe(0, import.ToString());
        build.ExitCode.ShouldBe(0, build.ToString());
        (await engine.RunImageAsync(workspace, "cybernode/second:latest")).ShouldContain("built first");
    }

    [Fact]
    public async Task A_build_image_whose_CMD_fails_fails_the_build_with_its_exit_code_and_last_lines()
    {
        engine.Require();
        using var workspace = await TwoPhaseWorkspace.EmptyAsync(Token);

        var build = await BuildServiceAsync(workspace, "broken", "echo copying; echo 'cp: /out/app: No such file' >&2; exit 3");

        build.ExitCode.ShouldBe(1, build.ToString());
        var output = build.StandardOutput + build.StandardError;
        output.ShouldContain("exit code 3");
        output.ShouldContain("cp: /out/app: No such file");
        output.ShouldContain("broken.build.log");
        output.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task A_build_stage_that_leaves_bin_empty_is_named_beside_the_Dockerfile_line_that_finds_nothing()
    {
        engine.Require();
        using var workspace = await TwoPhaseWorkspace.EmptyAsync(Token);

        var build = await BuildServiceAsync(workspace, "empty", "echo nothing to copy");

        build.ExitCode.ShouldBe(1, build.ToString());
        var output = build.StandardOutput + build.StandardError;
        output.ShouldContain($"{Path.Combine(workspace.Root, "empty", "Dockerfile")}:2:");
        output.ShouldContain("bin/*");
        output.ShouldContain("the build stage produced nothing in bin/");
    }

    [Fact]
    public async Task Ctrl_C_during_a_build_run_stops_and_removes_the_container_and_exits_130()
    {
        engine.Require();
        using var workspace = await TwoPhaseWorkspace.EmptyAsync(Token);
        workspace.Write("sleeper/Dockerfile-build", "FROM cybernode/busybox-base\nCMD echo started; sleep 120\n");
        workspace.Write("sleeper/Dockerfile", "FROM cybernode/busybox-base\n");
        var interrupted = 0;
        var clock = Stopwatch.StartNew();

        var watch = new ProcessOptions
        {
            Environment = engine.CliEnvironment,
            OnOutputLine = (pid, line) =>
            {
                if (line == "[sleeper] started" && Interlocked.Exchange(ref interrupted, 1) == 0)
                {
                    CybernodeCli.Interrupt(pid);
                }
            },
        };
        var build = await CybernodeCli.RunAsync(["build", workspace.Root, "--provider", Provider], watch, Token);

        interrupted.ShouldBe(1, build.ToString());
        build.ExitCode.ShouldBe(130, build.ToString());
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
        (await engine.ContainerNamesAsync()).ShouldNotContain(n => n.StartsWith("cybernode-build-sleeper-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ctrl_C_says_at_once_how_many_build_containers_it_stops_and_a_second_Ctrl_C_kills_them_and_exits_130()
    {
        engine.Require();
        using var workspace = await TwoPhaseWorkspace.EmptyAsync(Token);

        // A PID 1 that ignores SIGTERM: a graceful stop waits for the engine's grace period.
        workspace.Write("sleeper/Dockerfile-build", "FROM cybernode/busybox-base\nCMD trap '' TERM INT; echo started; sleep 120\n");
        workspace.Write("sleeper/Dockerfile", "FROM cybernode/busybox-base\n");
        var clock = Stopwatch.StartNew();
        TimeSpan? interrupted = null, answered = null;

        var watch = new ProcessOptions
        {
            Environment = engine.CliEnvironment,
            OnOutputLine = (pid, line) =>
            {
                if (line == "[sleeper] started" && interrupted is null)
                {
                    interrupted = clock.Elapsed;
                    CybernodeCli.Interrupt(pid);
                }
            },
            OnErrorLine = (pid, line) =>
            {
                if (line == "cybernode: stopping 1 build container... (Ctrl-C again to force)" && answered is null)
                {
                    answered = clock.Elapsed;
                    CybernodeCli.Interrupt(pid);
                }
            },
        };
        var build = await CybernodeCli.RunAsync(["build", workspace.Root, "--provider", Provider], watch, Token);
        var ended = clock.Elapsed;

        interrupted.ShouldNotBeNull(build.ToString());
        answered.ShouldNotBeNull(build.ToString());
        (answered.Value - interrupted.Value).ShouldBeLessThan(TimeSpan.FromSeconds(1), build.ToString());
        build.ExitCode.ShouldBe(130, build.ToString());
        build.StandardError.ShouldContain("cybernode: forced: killing 1 build container");
        (ended - answered.Value).ShouldBeLessThan(TimeSpan.FromSeconds(4), build.ToString());
        (await engine.ContainerNamesAsync()).ShouldNotContain(n => n.StartsWith("cybernode-build-sleeper-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_missing_bases_of_every_service_are_reported_at_once_before_any_build_stage_runs_and_by_the_dry_run_too()
    {
        engine.Require();
        using var workspace = await TwoPhaseWorkspace.EmptyAsync(Token);
        var marker = Path.Combine(workspace.Root, "01build.sh-ran");
        workspace.Write("node/01build.sh", $"touch '{marker}'\necho x > \"$BUILD_DIR/x\"\n");
        workspace.Write("node/Dockerfile", "FROM golang-missing:1.8\nCOPY bin/ /app/\n");
        workspace.Write("crawler/Dockerfile-build", "FROM cybernode/busybox-base AS tools\nFROM openjdk-missing\nCMD cp /x /build/\n");
        workspace.Write("crawler/Dockerfile", "FROM cybernode/busybox-base\nCOPY bin/ /app/\n");

        var build = await CybernodeAsync("build", workspace.Root, "--provider", Provider, "--pull", "never");
        var plan = await CybernodeAsync("build", workspace.Root, "--provider", Provider, "--pull", "never", "--dry-run");

        foreach (var result in new[] { build, plan })
        {
            result.ExitCode.ShouldBe(1, result.ToString());
            result.StandardError.ShouldContain($"{Path.Combine(workspace.Root, "node", "Dockerfile")}:1: base image 'golang-missing:1.8' is not in the store");
            result.StandardError.ShouldContain("hint: cybernode import docker-archive:FILE golang-missing:1.8");
            result.StandardError.ShouldContain($"{Path.Combine(workspace.Root, "crawler", "Dockerfile-build")}:2: base image 'openjdk-missing:latest' is in neither the store");
            result.StandardError.ShouldContain("hint: build without --pull never to pull it from its registry");
            result.StandardError.ShouldNotContain("busybox-base'");
        }

        plan.StandardOutput.ShouldContain("# crawler: cybernode/crawler:latest");
        File.Exists(marker).ShouldBeFalse("no build stage may start while a base is missing");
    }

    [Fact]
    public async Task A_Dockerfile_build_FROM_a_registry_image_builds_on_the_pulled_digest_from_the_store_and_again_with_the_registry_stopped()
    {
        engine.Require();
        await using var registry = await RegistryServer.StartAsync(Token);
        var busybox = await BusyboxBase.GetAsync();
        var remote = $"{registry.Host}/team/remote-base:1";
        await RegistryServer.SkopeoAsync(["copy", "--quiet", "--dest-tls-verify=false", $"oci-archive:{busybox.ArchivePath(ArchiveFormat.OciArchive.TransportName())}", $"docker://{remote}"], Token);
        var manifest = JsonDocument.Parse(await RegistryServer.SkopeoAsync(["inspect", "--raw", "--tls-verify=false", $"docker://{remote}"], Token)).RootElement;
        using var workspace = await TwoPhaseWorkspace.EmptyAsync(Token);
        workspace.Write("svc/Dockerfile-build", $"FROM {remote}\nRUN echo built on the remote base > /marker\nCMD cp /marker /build/marker\n");
        workspace.Write("svc/Dockerfile", "FROM scratch\nCOPY bin/marker /marker\n");

        var build = await CybernodeAsync("build", workspace.Root, "--provider", Provider);

        build.ExitCode.ShouldBe(0, build.ToString());
        build.StandardOutput.ShouldContain($"pulling {remote}");
        File.ReadAllText(Path.Combine(workspace.Root, "svc", "bin", "marker")).ShouldBe("built on the remote base\n");
        File.ReadAllText(Path.Combine(workspace.Root, "cybernode.lock")).ShouldContain($"{remote} linux/amd64 sha256:");
        // The engine builds on what the store pulled: its image under that name has the registry manifest's config.
        (await engine.Provider.ImageIdAsync(remote, Token))?.ToString().ShouldBe(manifest.GetProperty("config").GetProperty("digest").GetString());

        await registry.StopAsync();
        workspace.Write("svc/Dockerfile-build", $"FROM {remote}\nRUN echo again with the registry stopped > /marker\nCMD cp /marker /build/marker\n");
        var offline = await CybernodeAsync("build", workspace.Root, "--provider", Provider);

        offline.ExitCode.ShouldBe(0, offline.ToString());
        File.ReadAllText(Path.Combine(workspace.Root, "svc", "bin", "marker")).ShouldBe("again with the registry stopped\n");
    }

    [Fact]
    public async Task A_dry_run_pasted_into_a_shell_loads_the_store_bases_into_the_engine_and_builds_what_the_build_builds()
    {
        engine.Require();
        using var workspace = await TwoPhaseWorkspace.EmptyAsync(Token);
        var unique = Guid.NewGuid().ToString("N")[..8];
        var baseImage = $"cybernode-test/plan-base-{unique}";
        await workspace.ImportAsync($"{baseImage}:latest", Token);
        workspace.Write($"pasted{unique}/Dockerfile-build", $"FROM {baseImage}\nCMD echo built by the pasted plan > /build/out\n");
        workspace.Write($"pasted{unique}/Dockerfile", $"FROM {baseImage}\nADD bin/* /cyberapp/\nCMD [\"/bin/cat\", \"/cyberapp/out\"]\n");
        using var tools = new TempFolder("cybernode-path-");
        var (cli, cliArguments) = CybernodeCli.Command([]);
        var wrapper = tools.Combine("cybernode");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec {string.Join(' ', cliArguments.Prepend(cli).Select(part => $"'{part}'"))} \"$@\"\n");
        File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);

        var plan = await CybernodeAsync("build", workspace.Root, "--provider", Provider, "--assembler", "engine", "--dry-run");
        var environment = new Dictionary<string, string?>(engine.CliEnvironment) { ["PATH"] = $"{tools.Path}:{Environment.GetEnvironmentVariable("PATH")}" };
        var pasted = await Processes.ProcessRunner.RunAsync(new Processes.ProcessSpec("bash", ["-e", "-c", plan.StandardOutput], environment), null, Token);

        plan.ExitCode.ShouldBe(0, plan.ToString());
        plan.StandardOutput.ShouldContain($"cybernode export {baseImage}:latest --store {workspace.Store}");
        pasted.ExitCode.ShouldBe(0, plan.StandardOutput + string.Join('\n', pasted.LastLines));
        (await engine.RunImageAsync(workspace, $"cybernode/pasted{unique}:latest")).ShouldContain("built by the pasted plan");
    }

    [Fact]
    public async Task The_engines_own_messages_stay_in_the_service_log_unless_progress_is_plain()
    {
        engine.Require();
        using var workspace = await TwoPhaseWorkspace.EmptyAsync(Token);
        var engineStep = new System.Text.RegularExpressions.Regex("(?i)step 1/2");

        var auto = await BuildServiceAsync(workspace, "chatty", "echo the build step speaks; echo x > /build/x");
        var log = File.ReadAllText(Path.Combine(workspace.Root, ".cybernode", "logs", "chatty.build.log"));
        var plain = await CybernodeAsync("build", workspace.Root, "--provider", Provider, "--progress", "plain");
        var quiet = await CybernodeAsync("build", workspace.Root, "--provider", Provider, "--progress", "quiet");

        auto.ExitCode.ShouldBe(0, auto.ToString());
        auto.StandardOutput.ShouldContain("[chatty] the build step speaks");
        engineStep.IsMatch(auto.StandardOutput + auto.StandardError).ShouldBeFalse(auto.ToString());
        engineStep.IsMatch(log).ShouldBeTrue(log);
        log.ShouldContain("the build step speaks");
        plain.ExitCode.ShouldBe(0, plain.ToString());
        engineStep.IsMatch(plain.StandardOutput).ShouldBeTrue(plain.ToString());
        quiet.ExitCode.ShouldBe(0, quiet.ToString());
        quiet.StandardOutput.Trim().ShouldStartWith("1 service: ", customMessage: quiet.ToString());
        quiet.StandardOutput.Trim().Split('\n').Length.ShouldBe(1, quiet.ToString());
    }

    [Fact]
    public async Task A_failing_build_image_shows_the_last_lines_the_engine_printed_though_they_stay_out_of_the_progress()
    {
        engine.Require();
        using var workspace = await TwoPhaseWorkspace.EmptyAsync(Token);
        workspace.Write("failing/Dockerfile-build", "FROM cybernode/busybox-base\nRUN echo the step before the failure; exit 4\nCMD echo never\n");
        workspace.Write("failing/Dockerfile", "FROM cybernode/busybox-base\nADD bin/* /cyberapp/\n");

        var build = await CybernodeAsync("build", workspace.Root, "--provider", Provider);

        build.ExitCode.ShouldBe(1, build.ToString());
        build.StandardOutput.ShouldNotContain("the step before the failure");
        build.StandardError.ShouldContain("the step before the failure");
        build.StandardError.ShouldContain("failing.build.log");
    }

    public void Dispose()
    {
        _timeout.Dispose();
        GC.SuppressFinalize(this);
    }

    private static CancellationTokenSource CreateTimeout()
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(TimeSpan.FromMinutes(3));
        return source;
    }

    /// <summary>Builds a service whose build image runs <paramref name="buildCommand"/> and whose run image ADDs bin/*.</summary>
    private Task<ProcessResult> BuildServiceAsync(TwoPhaseWorkspace workspace, string service, string buildCommand)
    {
        workspace.Write($"{service}/Dockerfile-build", $"FROM cybernode/busybox-base\nCMD {buildCommand}\n");
        workspace.Write($"{service}/Dockerfile", "FROM cybernode/busybox-base\nADD bin/* /cyberapp/\n");
        return CybernodeAsync("build", workspace.Root, "--provider", Provider);
    }

    private Task<ProcessResult> CybernodeAsync(params string[] arguments) => CybernodeCli.RunAsync(arguments, Token, engine.CliEnvironment);
}
