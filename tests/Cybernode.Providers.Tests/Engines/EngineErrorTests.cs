using System.Net.Sockets;
using Cybernode.Providers.Buildah;
using Cybernode.Providers.Docker;
using Cybernode.Providers.Podman;
using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Engines;

/// <summary>
/// The failures users meet first, each as one line and a hint, made real: a PATH without the
/// engine, a socket nobody listens on, a socket the user may not open, a containers.conf without ulimits.
/// </summary>
[Trait("Category", "Engine")]
public sealed class EngineErrorTests : IDisposable
{
    private static readonly Dictionary<string, string?> EmptyPath = new() { ["PATH"] = "/nonexistent" };
    private readonly TempFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Docker_missing_from_PATH_says_it_is_not_installed_and_how_to_install_it()
    {
        var docker = new DockerProvider(new DockerOptions { Environment = EmptyPath });

        var error = await Should.ThrowAsync<ProviderException>(() => docker.ImageIdAsync("x", Token));
        var status = await docker.ProbeAsync(Token);

        error.Message.ShouldStartWith("docker is not installed");
        error.Hint.ShouldBe("apt-get install docker.io");
        status.ShouldBe(new ProviderStatus("docker", false, null, error.Message, error.Hint));
    }

    [Fact]
    public async Task Podman_and_buildah_missing_from_PATH_say_how_to_install_them()
    {
        var podman = await new PodmanProvider(new ContainersToolOptions { Environment = EmptyPath }).ProbeAsync(Token);
        var buildah = await new BuildahProvider(new ContainersToolOptions { Environment = EmptyPath }).ProbeAsync(Token);

        podman.Usable.ShouldBeFalse();
        podman.Reason.ShouldBe("podman is not installed (no podman on PATH)");
        podman.Hint.ShouldBe("apt-get install podman");
        buildah.Reason.ShouldBe("buildah is not installed (no buildah on PATH)");
        buildah.Hint.ShouldBe("apt-get install buildah");
    }

    [Fact]
    public async Task Docker_with_no_daemon_on_the_socket_says_it_cannot_reach_it_and_what_to_start()
    {
        RequiredTool.FindFile(DockerDaemon.Client, "docker.io");
        var socket = _folder.Combine("dead.sock");
        using (var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            listener.Bind(new UnixDomainSocketEndPoint(socket));
        }

        await File.WriteAllTextAsync(_folder.Combine("Dockerfile"), "FROM scratch\n", Token);
        var docker = new DockerProvider(new DockerOptions { Program = DockerDaemon.Client, Host = "unix://" + socket });

        var error = await Should.ThrowAsync<ProviderException>(
            () => docker.BuildImageAsync(new BuildImageRequest(_folder.Path, _folder.Combine("Dockerfile"), "x:latest"), new Lines(), Token));
        var status = await docker.ProbeAsync(Token);

        error.ShouldNotBeOfType<EngineCommandFailedException>();
        error.Message.ShouldBe($"cannot reach the docker daemon at unix://{socket}");
        error.Hint!.ShouldContain("start dockerd");
        error.Hint!.ShouldContain("DOCKER_HOST");
        status.Usable.ShouldBeFalse();
        status.Reason.ShouldBe(error.Message);
    }

    [Fact]
    public async Task Docker_refused_the_socket_says_permission_denied_and_suggests_the_docker_group()
    {
        // Root opens any socket, so the client runs as nobody through setpriv against a socket only root may open.
        RequiredTool.FindFile(DockerDaemon.Client, "docker.io");
        if (Environment.UserName != "root" || RequiredTool.TryFind("setpriv") is null)
        {
            Assert.Skip("needs root and setpriv to run the client as another user");
        }

        var socket = _folder.Combine("root-only.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socket));
        listener.Listen();
        File.SetUnixFileMode(socket, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var asNobody = _folder.Combine("docker-as-nobody");
        await File.WriteAllTextAsync(asNobody, $"#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp {DockerDaemon.Client} \"$@\"\n", Token);
        File.SetUnixFileMode(asNobody, (UnixFileMode)493);

        var status = await new DockerProvider(new DockerOptions { Program = asNobody, Host = "unix://" + socket }).ProbeAsync(Token);

        status.Usable.ShouldBeFalse();
        status.Reason.ShouldBe($"permission denied on the docker daemon socket unix://{socket}");
        status.Hint!.ShouldContain("docker group");
        status.Hint!.ShouldContain("rootless podman");
    }

    [Fact]
    public async Task Docker_refuses_to_load_an_oci_archive_before_running_anything()
    {
        var docker = new DockerProvider(new DockerOptions { Environment = EmptyPath });

        var error = await Should.ThrowAsync<ProviderException>(
            () => docker.LoadImageAsync(_folder.Combine("image.tar"), ArchiveFormat.OciArchive, new Lines(), Token));

        error.Message.ShouldBe("docker cannot load an oci-archive file");
        error.Hint.ShouldBe("use a docker-archive file with docker");
    }

    [Fact]
    public async Task Podman_without_ulimits_in_containers_conf_names_the_setting_to_add()
    {
        RequiredTool.Find("podman", "podman");
        RequiredTool.Require(BusyboxBase.Missing);
        var config = _folder.Combine("containers.conf");
        await File.WriteAllTextAsync(config, "[engine]\ncgroup_manager = \"cgroupfs\"\nruntime = \"runc\"\n", Token);
        var podman = new PodmanProvider(new ContainersToolOptions { Root = _folder.Combine("root"), RunRoot = _folder.Combine("runroot"), ConfigFile = config });
        var base_ = await BusyboxBase.GetAsync();
        await podman.LoadImageAsync(base_.ArchivePath(ArchiveFormat.OciArchive.TransportName()), ArchiveFormat.OciArchive, new Lines(), Token);

        var run = new RunBuildRequest("limits", BusyboxBase.Name, _folder.Combine("bin")) { Command = ["true"] };
        var error = await Record.ExceptionAsync(() => podman.RunBuildAsync(run, new Lines(), Token));

        // Where root may raise its limits (CAP_SYS_RESOURCE) the run simply works: nothing to explain then.
        if (error is not null)
        {
            error.ShouldBeOfType<ProviderException>();
            error.Message.ShouldStartWith("podman cannot set the container's open-file limit");
            ((ProviderException)error).Hint!.ShouldContain("default_ulimits");
        }
    }

    public void Dispose() => _folder.Dispose();
}
