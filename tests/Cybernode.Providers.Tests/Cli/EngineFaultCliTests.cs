using System.Net.Sockets;
using System.Text.Json;
using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Cli;

/// <summary>
/// What the CLI says when no engine can be used (none installed, daemon down, socket refused):
/// one line and a hint, exit 1, no stack trace. And what needs no engine at all: dry runs, doctor,
/// and workspaces whose services build on the host.
/// </summary>
[Trait("Category", "Engine")]
public sealed class EngineFaultCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_no_engine_on_PATH_a_two_phase_build_says_which_is_missing_and_how_to_install_it()
    {
        RequiredTool.Require(BusyboxBase.Missing);
        using var workspace = await TwoPhaseWorkspace.ExampleAsync(Token);

        var named = await CybernodeAsync(WithoutEngines(), "build", workspace.Root, "--provider", "docker");
        var auto = await CybernodeAsync(WithoutEngines(), "build", workspace.Root);

        named.ExitCode.ShouldBe(1, named.ToString());
        named.StandardError.ShouldBe("docker is not installed (no docker on PATH)\nhint: apt-get install docker.io\n");
        auto.ExitCode.ShouldBe(1, auto.ToString());
        auto.StandardError.ShouldStartWith("no container engine is usable: docker is not installed");
        auto.StandardError.ShouldNotContain("   at ");
        Directory.Exists(Path.Combine(workspace.Root, "hello", "bin")).ShouldBeFalse();
    }

    [Fact]
    public async Task Services_built_on_the_host_need_no_engine_at_all()
    {
        RequiredTool.Require(BusyboxBase.Missing);
        using var workspace = await TwoPhaseWorkspace.EmptyAsync(Token);
        workspace.Write("plain/01build.sh", "echo plain > \"$BUILD_DIR/plain\"\n");
        workspace.Write("plain/Dockerfile", "FROM scratch\nADD bin/* /cyberapp/\n");

        var build = await CybernodeAsync(WithoutEngines(), "build", workspace.Root);

        build.ExitCode.ShouldBe(0, build.ToString());
        build.StandardOutput.ShouldContain("1 service: 1 built, 0 cached in ");
    }

    [Fact]
    public async Task A_dry_run_prints_docker_commands_in_build_order_with_no_engine_and_builds_nothing()
    {
        RequiredTool.Require(BusyboxBase.Missing);
        using var workspace = await TwoPhaseWorkspace.ExampleAsync(Token);
        var bin = Path.Combine(workspace.Root, "hello", "bin");
        workspace.Write("cybernode.yaml", "services:\n  hello:\n    cache:\n      hello-cache: /root/.cache\n    tags: [v1]\n");

        var text = await CybernodeAsync(WithoutEngines(), "build", workspace.Root, "--dry-run");
        var json = await CybernodeAsync(WithoutEngines(), "build", workspace.Root, "--dry-run", "--json", "--assembler", "engine");

        text.ExitCode.ShouldBe(0, text.ToString());
        var lines = text.StandardOutput.Split('\n');
        lines.ShouldContain($"docker build --tag cybernode/build-hello:latest --file {workspace.Root}/hello/Dockerfile-build {workspace.Root}/hello");
        lines.ShouldContain($"docker run --rm --name cybernode-build-hello --volume {bin}:/build --volume hello-cache:/root/.cache cybernode/build-hello:latest");
        lines.ShouldContain($"# cybernode/hello:latest assembled in-process from {workspace.Root}/hello/Dockerfile, then loaded into docker");
        lines.ShouldContain("docker tag cybernode/hello:latest cybernode/hello:v1");
        Array.IndexOf(lines, "# counter: cybernode/counter:latest").ShouldBeLessThan(Array.IndexOf(lines, "# hello: cybernode/hello:latest"));
        Directory.Exists(bin).ShouldBeFalse();

        json.ExitCode.ShouldBe(0, json.ToString());
        using var plan = JsonDocument.Parse(json.StandardOutput);
        plan.RootElement.GetProperty("provider").GetString().ShouldBe("docker");
        var hello = plan.RootElement.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "hello");
        hello.GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("command").GetString())
            .ShouldContain($"docker build --tag cybernode/hello:latest {workspace.Root}/hello");
    }

    [Fact]
    public async Task Doctor_lists_every_engine_with_why_it_is_not_usable_and_what_to_do()
    {
        var doctor = await CybernodeAsync(WithoutEngines(), "doctor", "--json", "--workspace", _folder.Path);

        doctor.ExitCode.ShouldBe(1, doctor.ToString());
        using var report = JsonDocument.Parse(doctor.StandardOutput);
        var providers = report.RootElement.GetProperty("providers").EnumerateArray().ToList();
        providers.Select(p => p.GetProperty("name").GetString()).ShouldBe(["docker", "podman", "buildah"]);
        providers.ShouldAllBe(p => !p.GetProperty("usable").GetBoolean());
        providers[1].GetProperty("reason").GetString().ShouldBe("podman is not installed (no podman on PATH)");
        providers[1].GetProperty("hint").GetString().ShouldBe("apt-get install podman");
    }

    [Fact]
    public async Task Doctor_follows_the_order_cybernode_yaml_gives_and_shows_a_working_engine_with_its_version()
    {
        RequiredTool.Find("podman", "podman");
        var options = EngineStorage.OptionsIn(_folder);
        await File.WriteAllTextAsync(_folder.Combine("cybernode.yaml"), "providers: [podman]\n", Token);

        var doctor = await CybernodeAsync(options.ProcessEnvironment(), "doctor", "--workspace", _folder.Path);

        doctor.StandardOutput.Split('\n')[0].ShouldMatch(@"^podman\s+\d+\.\d+\.\d+\s+usable$");
    }

    // Every probe loads the same empty layer; were the images the same too, one doctor's removal of
    // its probe would delete the image another had just loaded.
    [Fact]
    public async Task Doctors_run_at_once_each_find_podman_usable()
    {
        RequiredTool.Find("podman", "podman");
        var options = EngineStorage.OptionsIn(_folder);
        await File.WriteAllTextAsync(_folder.Combine("cybernode.yaml"), "providers: [podman]\n", Token);

        var doctors = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => CybernodeAsync(options.ProcessEnvironment(), "doctor", "--workspace", _folder.Path)));

        foreach (var doctor in doctors)
        {
            doctor.StandardOutput.Split('\n')[0].ShouldMatch(@"^podman\s+\d+\.\d+\.\d+\s+usable$", doctor.ToString());
        }
    }

    [Fact]
    public async Task Doctor_starts_a_container_so_a_podman_that_answers_but_cannot_run_one_is_not_usable_and_the_fix_is_named()
    {
        RequiredTool.Find("podman", "podman");
        var options = EngineStorage.OptionsIn(_folder);

        // What podman does here out of the box: it answers `podman info`, but root lacks CAP_SYS_RESOURCE, so every container fails on its rlimits.
        var broken = _folder.Combine("no-ulimits.conf");
        await File.WriteAllTextAsync(broken, "[engine]\ncgroup_manager = \"cgroupfs\"\nruntime = \"runc\"\n", Token);
        await File.WriteAllTextAsync(_folder.Combine("cybernode.yaml"), "providers: [podman]\n", Token);
        var environment = options.ProcessEnvironment();

        var working = await CybernodeAsync(environment, "doctor", "--workspace", _folder.Path);
        environment["CONTAINERS_CONF"] = broken;
        var failing = await CybernodeAsync(environment, "doctor", "--json", "--workspace", _folder.Path);

        working.StandardOutput.Split('\n')[0].ShouldMatch(@"^podman\s+\d+\.\d+\.\d+\s+usable$", working.ToString());
        using var report = JsonDocument.Parse(failing.StandardOutput);
        var podman = report.RootElement.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "podman");
        podman.GetProperty("usable").GetBoolean().ShouldBeFalse(failing.ToString());
        podman.GetProperty("reason").GetString()!.ShouldStartWith("podman cannot start a container: ");
        podman.GetProperty("reason").GetString()!.ShouldContain("rlimit", Case.Insensitive);
        podman.GetProperty("hint").GetString()!.ShouldContain("default_ulimits");
        podman.GetProperty("hint").GetString()!.ShouldContain("docs/podman.md");
        File.Exists(Path.Combine(RepoPaths.Root, "docs", "podman.md")).ShouldBeTrue();

        // The probe leaves nothing behind: no image, no container.
        var podmanEnvironment = options.ProcessEnvironment();
        (await PodmanLinesAsync(podmanEnvironment, "images", "--all", "--format", "{{.Repository}}")).ShouldNotContain(r => r.Contains("cybernode-doctor"));
        (await PodmanLinesAsync(podmanEnvironment, "ps", "--all", "--format", "{{.Names}}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Docker_with_no_daemon_behind_DOCKER_HOST_says_it_cannot_reach_it_and_what_to_start()
    {
        RequiredTool.Require(BusyboxBase.Missing ?? (RequiredTool.TryFind("docker") is null ? "the docker client is not installed: apt-get install docker.io" : null));
        using var workspace = await TwoPhaseWorkspace.ExampleAsync(Token);
        var socket = _folder.Combine("dead.sock");
        using (var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            listener.Bind(new UnixDomainSocketEndPoint(socket));
        }

        var build = await CybernodeAsync(new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix://" + socket }, "build", workspace.Root, "--provider", "docker");

        build.ExitCode.ShouldBe(1, build.ToString());
        build.StandardError.ShouldStartWith($"cannot reach the docker daemon at unix://{socket}\nhint: start dockerd");
        build.StandardError.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Docker_refused_the_socket_says_permission_denied_and_suggests_the_docker_group()
    {
        // Root opens any socket, so the client runs as nobody through setpriv against a socket only root may open.
        RequiredTool.Require(BusyboxBase.Missing ?? (File.Exists(DockerDaemon.Client) ? null : "the docker client is not installed: apt-get install docker.io"));
        if (Environment.UserName != "root" || RequiredTool.TryFind("setpriv") is null)
        {
            Assert.Skip("needs root and setpriv to run the client as another user");
        }

        using var workspace = await TwoPhaseWorkspace.ExampleAsync(Token);
        var socket = _folder.Combine("root-only.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socket));
        listener.Listen();
        File.SetUnixFileMode(socket, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var wrappers = _folder.Combine("wrappers");
        Directory.CreateDirectory(wrappers);
        var asNobody = Path.Combine(wrappers, "docker");
        await File.WriteAllTextAsync(asNobody, $"#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp {DockerDaemon.Client} \"$@\"\n", Token);
        File.SetUnixFileMode(asNobody, (UnixFileMode)493);
        var environment = new Dictionary<string, string?>
        {
            ["DOCKER_HOST"] = "unix://" + socket,
            ["PATH"] = $"{wrappers}:{Environment.GetEnvironmentVariable("PATH")}",
        };

        var build = await CybernodeAsync(environment, "build", workspace.Root, "--provider", "docker");

        build.ExitCode.ShouldBe(1, build.ToString());
        build.StandardError.ShouldStartWith($"permission denied on the docker daemon socket unix://{socket}\nhint: add your user to the docker group");
        build.StandardError.ShouldNotContain("   at ");
    }

    public void Dispose() => _folder.Dispose();

    private static async Task<IReadOnlyList<string>> PodmanLinesAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var result = await Processes.ProcessRunner.RunAsync(new Processes.ProcessSpec("podman", arguments, environment), null, Token);
        result.ExitCode.ShouldBe(0, string.Join('\n', result.LastLines));
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static Task<ProcessResult> CybernodeAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        CybernodeCli.RunAsync(arguments, Token, environment);

    /// <summary>A PATH holding only busybox's tools, so no docker, podman or buildah is found (on merged-/usr Debian, /bin holds them all).</summary>
    private Dictionary<string, string?> WithoutEngines()
    {
        var tools = _folder.Combine("tools");
        if (!Directory.Exists(tools))
        {
            Directory.CreateDirectory(tools);
            foreach (var tool in new[] { "sh", "cat", "echo", "mkdir", "chmod", "grep", "awk", "rm", "cp" })
            {
                File.CreateSymbolicLink(Path.Combine(tools, tool), "/bin/busybox");
            }
        }

        return new Dictionary<string, string?> { ["PATH"] = tools };
    }
}
