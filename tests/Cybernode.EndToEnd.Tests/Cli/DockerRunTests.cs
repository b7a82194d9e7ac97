namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>A docker-archive export loads into docker 20.10 (which takes no OCI archive) and runs.</summary>
public sealed class DockerRunTests(BuiltClusterFixture cluster) : IClassFixture<BuiltClusterFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cyberinfo_exported_as_a_docker_archive_loads_into_docker_and_prints_its_line()
    {
        var docker = DockerDaemon.Connect();
        var built = await cluster.GetAsync();
        var archive = Path.Combine(cluster.Scratch("docker"), "cyberinfo.tar");
        (await CybernodeCli.RunAsync(
            ["export", ExampleCluster.Cyberinfo, "-o", archive, "--format", "docker-archive", "--store", built.Store], Token)).EnsureSuccess();

        var loaded = await docker.DockerAsync(["load", "--input", archive], Token);
        try
        {
            var run = await docker.DockerAsync(["run", "--rm", "--network", "none", ExampleCluster.Cyberinfo], Token);

            loaded.EnsureSuccess().StandardOutput.ShouldContain($"Loaded image: {ExampleCluster.Cyberinfo}:latest");
            run.EnsureSuccess().StandardOutput.ShouldBe("cyberinfo 1.0.0: hello from cybernode\n");
        }
        finally
        {
            await docker.DockerAsync(["rmi", "--force", $"{ExampleCluster.Cyberinfo}:latest"], Token);
        }
    }

    [Fact]
    public async Task An_export_without_format_loads_into_docker_20_10_by_the_command_it_prints()
    {
        var docker = DockerDaemon.Connect();
        var built = await cluster.GetAsync();
        var archive = Path.Combine(cluster.Scratch("default-format"), "cyberinfo.tar");

        var export = (await CybernodeCli.RunAsync(["export", ExampleCluster.Cyberinfo, "-o", archive, "--store", built.Store], Token)).EnsureSuccess();

        export.StandardError.ShouldBe($"load with: docker load -i {archive} (or podman load -i {archive})\n");
        var loaded = await docker.DockerAsync(["load", "-i", archive], Token);
        try
        {
            loaded.EnsureSuccess().StandardOutput.ShouldContain($"Loaded image: {ExampleCluster.Cyberinfo}:latest");
            var run = await docker.DockerAsync(["run", "--rm", "--network", "none", ExampleCluster.Cyberinfo], Token);
            run.EnsureSuccess().StandardOutput.ShouldBe("cyberinfo 1.0.0: hello from cybernode\n");
        }
        finally
        {
            await docker.DockerAsync(["rmi", "--force", $"{ExampleCluster.Cyberinfo}:latest"], Token);
        }
    }
}
