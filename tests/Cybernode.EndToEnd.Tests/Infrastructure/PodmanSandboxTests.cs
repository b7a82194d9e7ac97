namespace Cybernode.EndToEnd.Tests.Infrastructure;

public class PodmanSandboxTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Loads_an_oci_archive_and_runs_it_without_network()
    {
        using var directory = new TempFolder();
        var image = await BusyboxImage.CreateAsync(directory.Combine("layout"), cancellationToken: Token);
        var archive = directory.Combine("busybox.tar");
        await Skopeo.CopyAsync(image.SkopeoReference, $"oci-archive:{archive}:localhost/cybernode-test/busybox:1", Token);
        await using var podman = await PodmanSandbox.CreateAsync(Token);

        var loaded = await podman.LoadAsync(archive, Token);
        var run = await podman.RunAsync(loaded.ShouldHaveSingleItem(), ["sh", "-c", "echo hello; ls /sys/class/net"], cancellationToken: Token);

        loaded.ShouldBe(["localhost/cybernode-test/busybox:1"]);
        run.EnsureSuccess().StandardOutput.ShouldBe("hello\nlo\n");
    }

    [Fact]
    public async Task Builds_from_a_dockerfile_and_passes_environment_and_exit_codes()
    {
        using var directory = new TempFolder();
        var context = directory.Combine("context");
        Directory.CreateDirectory(context);
        await File.WriteAllTextAsync(
            Path.Combine(context, "Dockerfile"), "FROM scratch\nADD busybox /bin/busybox\nENTRYPOINT [\"/bin/busybox\"]\n", Token);
        File.Copy(RequiredTool.FindFile(BusyboxImage.Busybox, "busybox-static"), Path.Combine(context, "busybox"));
        await using var podman = await PodmanSandbox.CreateAsync(Token);

        await podman.BuildAsync(context, "localhost/cybernode-test/built:1", Token);
        var run = await podman.RunAsync(
            "localhost/cybernode-test/built:1",
            ["sh", "-c", "echo $GREETING; exit 7"],
            new Dictionary<string, string> { ["GREETING"] = "hi" },
            Token);

        run.ExitCode.ShouldBe(7);
        run.StandardOutput.ShouldBe("hi\n");
    }

    [Fact]
    public async Task Keeps_its_store_in_a_temp_folder_removed_on_dispose()
    {
        string folder;
        await using (var podman = await PodmanSandbox.CreateAsync(Token))
        {
            folder = podman.Directory;
            var info = (await podman.PodmanAsync(["info", "--format", "{{.Store.GraphRoot}}"], cancellationToken: Token)).EnsureSuccess();
            info.StandardOutput.Trim().ShouldBe(Path.Combine(folder, "root"));
        }

        Directory.Exists(folder).ShouldBeFalse();
    }
}
