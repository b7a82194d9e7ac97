using System.Text.Json;
using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Cli;

/// <summary>
/// build --secret against a real engine: RUN --mount=type=secret in Dockerfile-build and the
/// build run's /run/secrets read the secret, and its bytes end up in no layer, config, history,
/// log, output or JSON document, neither in cybernode's store nor in the engine.
/// </summary>
[Trait("Category", "Engine")]
public abstract class SecretBuildTests(EngineFixture engine) : IDisposable
{
    /// <summary>The RUN step proves it read the secret by keeping its hash; the CMD hashes it again in the build run.</summary>
    private const string BuildDockerfile =
        "FROM cybernode/busybox-base\n"
        + "RUN --mount=type=secret,id=token cat /run/secrets/token > /dev/null && sha256sum /run/secrets/token | cut -c1-64 > /token.sha256\n"
        + "CMD sha256sum /run/secrets/token | cut -c1-64 > /build/run.sha256 && cp /token.sha256 /build/image.sha256\n";

    private readonly TempFolder _folder = new("cybernode-secret-");
    private readonly CancellationTokenSource _timeout = CreateTimeout();

    private CancellationToken Token => _timeout.Token;

    /// <summary>How the CLI reaches the engine for a build with secrets.</summary>
    protected virtual IReadOnlyDictionary<string, string?> SecretsEnvironment => engine.CliEnvironment;

    [Fact]
    public async Task The_build_image_and_the_build_run_read_the_secret_and_its_bytes_are_nowhere_else()
    {
        engine.Require();
        using var workspace = await VaultWorkspaceAsync();
        var marker = SecretLeaks.NewMarker();
        var secret = WriteSecret("token.txt", marker);
        // --no-cache: the engine may hold a layer another test built from this Dockerfile-build with
        // another secret, and engines leave secrets out of their cache keys.
        string[] build = ["build", workspace.Root, "--provider", engine.Provider.Name, "--no-cache", "--secret", $"id=token,src={secret}"];

        var outputs = new List<ProcessResult>
        {
            await CybernodeAsync([.. build, "--dry-run"]),
            await CybernodeAsync([.. build, "--dry-run", "--json"]),
        };
        var built = await CybernodeAsync(build);
        var json = await CybernodeAsync([.. build, "--json"]);
        outputs.AddRange([built, json,
            await CybernodeAsync(["inspect", "cybernode/vault:latest", "--json", "--store", workspace.Store]),
            await CybernodeAsync(["images", "--json", "--store", workspace.Store])]);

        built.ExitCode.ShouldBe(0, built.ToString());
        json.ExitCode.ShouldBe(0, json.ToString());
        outputs[0].StandardOutput.ShouldContain($"--secret id=token,src={secret}");
        JsonDocument.Parse(json.StandardOutput).RootElement.GetProperty("services")[0].GetProperty("status").GetString().ShouldBeOneOf("built", "cached");
        File.ReadAllText(Path.Combine(workspace.Root, "vault", "bin", "image.sha256")).Trim().ShouldBe(SecretLeaks.Sha256(marker), "RUN --mount=type=secret read it");
        File.ReadAllText(Path.Combine(workspace.Root, "vault", "bin", "run.sha256")).Trim().ShouldBe(SecretLeaks.Sha256(marker), "the build run read /run/secrets/token");
        outputs.ShouldAllBe(o => !o.ToString().Contains(marker));
        (await SecretLeaks.InFolderAsync(workspace.Root, marker)).ShouldBeEmpty("store blobs, logs, bin");
        (await LeaksInEngineAsync(marker)).ShouldBeEmpty("images saved from the engine, and its storage");
        Directory.GetDirectories(_folder.Combine("tmp"), "cybernode-secrets-*").ShouldBeEmpty();
    }

    [Fact]
    public async Task No_cache_rebuilds_with_a_changed_secret_and_a_variable_works_like_a_file()
    {
        engine.Require();
        using var workspace = await VaultWorkspaceAsync();
        var first = SecretLeaks.NewMarker();
        var second = SecretLeaks.NewMarker();
        var environment = new Dictionary<string, string?>(SecretsEnvironment) { ["CYBERNODE_TEST_TOKEN"] = second };

        var fromFile = await CybernodeAsync(["build", workspace.Root, "--provider", engine.Provider.Name, "--secret", $"id=token,src={WriteSecret("first", first)}"]);
        var fromVariable = await CybernodeCli.RunAsync(
            ["build", workspace.Root, "--provider", engine.Provider.Name, "--no-cache", "--secret", "id=token,env=CYBERNODE_TEST_TOKEN"], Token, environment);

        fromFile.ExitCode.ShouldBe(0, fromFile.ToString());
        fromVariable.ExitCode.ShouldBe(0, fromVariable.ToString());
        File.ReadAllText(Path.Combine(workspace.Root, "vault", "bin", "image.sha256")).Trim().ShouldBe(SecretLeaks.Sha256(second));
        File.ReadAllText(Path.Combine(workspace.Root, "vault", "bin", "run.sha256")).Trim().ShouldBe(SecretLeaks.Sha256(second));
        fromVariable.ToString().ShouldNotContain(second);
        (await SecretLeaks.InFolderAsync(workspace.Root, second)).ShouldBeEmpty();
    }

    public void Dispose()
    {
        _folder.Dispose();
        _timeout.Dispose();
        GC.SuppressFinalize(this);
    }

    private static CancellationTokenSource CreateTimeout()
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(TimeSpan.FromMinutes(4));
        return source;
    }

    private async Task<TwoPhaseWorkspace> VaultWorkspaceAsync()
    {
        var workspace = await TwoPhaseWorkspace.EmptyAsync(Token);
        workspace.Write("vault/Dockerfile-build", BuildDockerfile);
        workspace.Write("vault/Dockerfile", "FROM cybernode/busybox-base\nADD bin/* /cyberapp/\n");
        return workspace;
    }

    /// <summary>Outside the workspace, as a user's credentials are.</summary>
    private string WriteSecret(string name, string value)
    {
        var path = _folder.Combine(name);
        File.WriteAllText(path, value);
        return path;
    }

    /// <summary>Every image the engine holds, saved and unpacked, and the engine's storage folder as it is on disk.</summary>
    private async Task<IReadOnlyList<string>> LeaksInEngineAsync(string marker)
    {
        var leaks = new List<string>();
        foreach (var id in await engine.ImageIdsAsync())
        {
            var archive = _folder.Combine("saved.tar");
            File.Delete(archive);
            await engine.Provider.SaveImageAsync(id, archive, engine.Provider.PreferredArchiveFormat, new Lines(), Token);
            if (await SecretLeaks.InFileAsync(archive, marker))
            {
                leaks.Add($"image {id}");
            }
        }

        if (engine.StorageFolder is { } storage)
        {
            leaks.AddRange(await SecretLeaks.InFolderAsync(storage, marker));
        }

        return leaks;
    }

    /// <summary>The CLI with a temp folder of the test's own, so the private secret folders it makes can be counted.</summary>
    private Task<ProcessResult> CybernodeAsync(string[] arguments)
    {
        Directory.CreateDirectory(_folder.Combine("tmp"));
        var environment = new Dictionary<string, string?>(SecretsEnvironment) { ["TMPDIR"] = _folder.Combine("tmp") };
        return CybernodeCli.RunAsync(arguments, Token, environment);
    }
}
