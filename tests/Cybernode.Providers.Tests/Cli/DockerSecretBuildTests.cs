using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Cli;

/// <summary>
/// Secrets need BuildKit: Debian's docker 20.10 client has it built in, while a newer client
/// without the buildx plugin refuses DOCKER_BUILDKIT=1, which cybernode must say in one line.
/// </summary>
public sealed class DockerSecretBuildTests(DockerEngine engine) : SecretBuildTests(engine), IClassFixture<DockerEngine>
{
    private readonly DockerEngine _engine = engine;

    /// <summary>The client the fixture uses (Debian's, with BuildKit) first on PATH, as a user with a newer client would put it.</summary>
    protected override IReadOnlyDictionary<string, string?> SecretsEnvironment => new Dictionary<string, string?>(_engine.CliEnvironment)
    {
        ["PATH"] = $"{Path.GetDirectoryName(DockerDaemon.Client)}:{Environment.GetEnvironmentVariable("PATH")}",
    };

    [Fact]
    public async Task A_docker_client_without_BuildKit_is_named_in_one_line_with_what_to_do()
    {
        _engine.Require();
        var client = RequiredTool.TryFind("docker");
        if (client is null || await HasBuildKitAsync(client))
        {
            Assert.Skip("the docker first on PATH builds with BuildKit: nothing to refuse here");
        }

        using var workspace = await TwoPhaseWorkspace.EmptyAsync(TestContext.Current.CancellationToken);
        workspace.Write("vault/Dockerfile-build", "FROM cybernode/busybox-base\nRUN --mount=type=secret,id=token cat /run/secrets/token\nCMD true\n");
        workspace.Write("vault/Dockerfile", "FROM cybernode/busybox-base\n");
        var marker = SecretLeaks.NewMarker();
        var secret = Path.Combine(workspace.Root, "..", Path.GetFileName(workspace.Root) + ".token");
        await File.WriteAllTextAsync(secret, marker, TestContext.Current.CancellationToken);

        try
        {
            var build = await CybernodeCli.RunAsync(["build", workspace.Root, "--provider", "docker", "--secret", $"id=token,src={secret}"], TestContext.Current.CancellationToken, _engine.CliEnvironment);

            build.ExitCode.ShouldBe(1, build.ToString());
            build.StandardError.ShouldContain($"{workspace.Root}/vault/Dockerfile-build: the docker client {client} cannot build with BuildKit (its buildx plugin is missing), and build secrets need BuildKit\nhint: install the buildx plugin");
            build.ToString().ShouldNotContain(marker);
            build.ToString().ShouldNotContain("   at ");
        }
        finally
        {
            File.Delete(secret);
        }
    }

    /// <summary>Clients before 23.0 have BuildKit built in; later ones only through the buildx plugin.</summary>
    private static async Task<bool> HasBuildKitAsync(string client)
    {
        var version = await OutputAsync(client, ["version", "--format", "{{.Client.Version}}"]);
        var major = int.TryParse(version.Output.Split('.')[0].Trim(), out var m) ? m : 0;
        return major < 23 || (await OutputAsync(client, ["buildx", "version"])).ExitCode == 0;
    }

    private static async Task<(int ExitCode, string Output)> OutputAsync(string program, string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
