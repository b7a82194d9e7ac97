using System.Text.Json;
using Cybernode.EndToEnd.Tests.Infrastructure;
using Cybernode.Oci.Tests.Fixtures;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// <c>cybernode publish</c> and <c>build --push</c> against Debian's registry on 127.0.0.1, checked
/// with skopeo: every tag at the store's digest, nothing uploaded twice, and no tag moved when a
/// service fails to build.
/// </summary>
public sealed class PublishTests : IAsyncLifetime
{
    private readonly TempFolder _directory = new("cybernode-publish-");
    private RegistryServer? _registry;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private RegistryServer Registry => _registry!;

    private string Root => _directory.Combine("ws");

    private string Store => _directory.Combine("store");

    public async ValueTask InitializeAsync()
    {
        _registry = await RegistryServer.StartAsync(Token);
        WriteCluster(Root, $"{Registry.Host}/team");
    }

    public async ValueTask DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        _directory.Dispose();
    }

    [Fact]
    public async Task Publish_puts_every_tag_at_the_stores_digest_and_a_second_publish_uploads_no_blob()
    {
        var built = await CybernodeCli.BuildAsync(Root, Store, Token);

        var first = await PublishJsonAsync();

        first.GetProperty("published").GetBoolean().ShouldBeTrue();
        first.GetProperty("registry").GetString().ShouldBe($"{Registry.Host}/team");
        var blobs = first.GetProperty("blobs");
        blobs.GetProperty("uploaded").GetInt32().ShouldBeGreaterThan(0);
        first.GetProperty("bytes").GetInt64().ShouldBeGreaterThan(BigFileSize);

        // The shared file makes one layer blob for two repositories: sent once, mounted (or found) for the other.
        var shared = blobs.GetProperty("mounted").GetInt32() + blobs.GetProperty("existing").GetInt32();
        shared.ShouldBeGreaterThan(0);
        foreach (var (service, tags) in Tags)
        {
            var report = Service(first, service);
            report.GetProperty("status").GetString().ShouldBe("published");
            report.GetProperty("digest").GetString().ShouldBe(built[service]);
            report.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("tag").GetString()).ShouldBe(tags, ignoreOrder: true);
            foreach (var tag in tags)
            {
                (await RegistryDigestAsync(Registry.Host, $"team/{service}", tag)).ShouldBe(built[service], $"{service}:{tag}");
            }
        }

        var again = await CybernodeCli.RunAsync(["publish", Root, "--store", Store], Token);

        again.ExitCode.ShouldBe(0, again.StandardError);
        var lines = again.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(Tags.Count + 1, again.StandardOutput);
        foreach (var (service, _) in Tags)
        {
            lines.ShouldContain(line => line.StartsWith($"{service}: published {Registry.Host}/team/{service}@{built[service]}", StringComparison.Ordinal)
                && line.Contains("0 uploaded"));
        }

        lines[^1].ShouldStartWith($"published {Tags.Count} services to {Registry.Host}/team; blobs: 0 uploaded");
    }

    [Fact]
    public async Task Build_push_where_one_service_fails_moves_no_tag()
    {
        var before = await BuildPushJsonAsync();
        File.WriteAllText(Path.Combine(Root, "base/alpha/alpha.txt"), "alpha, changed\n");
        File.WriteAllText(Path.Combine(Root, "gamma", "01build.sh"), "#!/bin/sh\necho 'gamma cannot build' >&2\nexit 3\n");

        var failed = await CybernodeCli.RunAsync(["build", Root, "--store", Store, "--push", "--json"], Token);

        failed.ExitCode.ShouldBe(1, failed.StandardError);
        using var document = JsonDocument.Parse(failed.StandardOutput);
        var services = document.RootElement.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        var changed = services["base-alpha"].GetProperty("digest").GetString()!;
        changed.ShouldNotBe(before["base-alpha"]);
        var publish = document.RootElement.GetProperty("publish");
        publish.GetProperty("published").GetBoolean().ShouldBeFalse();
        Service(publish, "gamma").GetProperty("status").GetString().ShouldBe("not-built");
        var alpha = Service(publish, "base-alpha");
        alpha.GetProperty("status").GetString().ShouldBe("held");
        alpha.GetProperty("manifest").GetBoolean().ShouldBeFalse();
        alpha.GetProperty("tags").EnumerateArray().ShouldAllBe(t => t.GetProperty("status").GetString() == "held" && t.GetProperty("attempts").GetInt32() == 0);

        // Every tag still points where the last publish put it, and the new manifest is not there even by digest.
        foreach (var (service, tags) in Tags)
        {
            foreach (var tag in tags)
            {
                (await RegistryDigestAsync(Registry.Host, $"team/{service}", tag)).ShouldBe(before[service], $"{service}:{tag}");
            }
        }

        var inspect = await Skopeo.TryRunAsync(["inspect", "--tls-verify=false", $"docker://{Registry.Host}/team/base-alpha@{changed}"], Token);
        inspect.ExitCode.ShouldNotBe(0, "the changed image's manifest reached the registry");
    }

    [Fact]
    public async Task A_tag_the_registry_keeps_refusing_is_retried_reported_and_fails_the_command()
    {
        var built = await CybernodeCli.BuildAsync(Root, Store, Token);
        await using var proxy = FaultProxy.Start(Registry.Host);
        const string FailingTag = "/v2/team/beta/manifests/v1";
        proxy.Add(FaultProxy.Kind.Forbidden, "PUT", FailingTag, times: 100);

        var result = await CybernodeCli.RunAsync(["publish", Root, "--store", Store, "--registry", $"{proxy.Host}/team", "--json"], Token);

        result.ExitCode.ShouldBe(1, result.StandardError);
        using var document = JsonDocument.Parse(result.StandardOutput);
        var beta = Service(document.RootElement, "beta");
        beta.GetProperty("status").GetString().ShouldBe("failed");
        beta.GetProperty("manifest").GetBoolean().ShouldBeTrue();
        var tags = beta.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("tag").GetString()!);
        tags["v1"].GetProperty("status").GetString().ShouldBe("failed");
        tags["v1"].GetProperty("attempts").GetInt32().ShouldBeGreaterThan(1);
        tags["v1"].GetProperty("error").GetString().ShouldNotBeNullOrEmpty();
        tags["latest"].GetProperty("status").GetString().ShouldBe("moved");
        proxy.Requests.Count(r => r == $"PUT {FailingTag}").ShouldBe(tags["v1"].GetProperty("attempts").GetInt32());

        // The other tags moved, the failed one did not; the manifest is there by digest.
        (await RegistryDigestAsync(Registry.Host, "team/beta", "latest")).ShouldBe(built["beta"]);
        (await RegistryDigestAsync(Registry.Host, "team/beta", "stable")).ShouldBe(built["beta"]);
        (await RegistryDigestAsync(Registry.Host, "team/base-alpha", "latest")).ShouldBe(built["base-alpha"]);
        (await Skopeo.TryRunAsync(["inspect", "--tls-verify=false", $"docker://{Registry.Host}/team/beta:v1"], Token)).ExitCode.ShouldNotBe(0);
        (await Skopeo.TryRunAsync(["inspect", "--tls-verify=false", $"docker://{Registry.Host}/team/beta@{built["beta"]}"], Token)).ExitCode.ShouldBe(0);
    }

    private const int BigFileSize = 64 * 1024;

    /// <summary>Each service and the tags the build gives it: latest, cybernode.yaml's stable, and beta's own v1.</summary>
    private static readonly Dictionary<string, string[]> Tags = new()
    {
        ["base-alpha"] = ["latest", "stable"],
        ["beta"] = ["latest", "stable", "v1"],
        ["gamma"] = ["latest", "stable"],
    };

    /// <summary>
    /// Three services: two share a big file (one layer blob in two repositories), the third is built
    /// by a 01build.sh on the host; no engine is needed.
    /// </summary>
    private static void WriteCluster(string root, string registry)
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "cybernode.yaml"), $"namespace: first\ntags: [stable]\nregistry: {registry}\nservices:\n  beta:\n    tags: [v1]\n");
        var shared = new byte[BigFileSize];
        new Random(7).NextBytes(shared);
        foreach (var (folder, name) in new[] { ("base/alpha", "alpha"), ("beta", "beta") })
        {
            var service = Path.Combine(root, folder);
            Directory.CreateDirectory(service);
            File.WriteAllBytes(Path.Combine(service, "shared.bin"), shared);
            File.WriteAllText(Path.Combine(service, $"{name}.txt"), $"{name}\n");
            File.WriteAllText(Path.Combine(service, "Dockerfile"), $"FROM scratch\nCOPY shared.bin /data/\nCOPY {name}.txt /\n");
        }

        var gamma = Path.Combine(root, "gamma");
        Directory.CreateDirectory(gamma);
        File.WriteAllText(Path.Combine(gamma, "01build.sh"), "#!/bin/sh\nset -eu\necho gamma > \"$BUILD_DIR/gamma.txt\"\n");
        File.WriteAllText(Path.Combine(gamma, "Dockerfile"), "FROM scratch\nCOPY bin/gamma.txt /\n");
    }

    /// <summary>The manifest digest a tag points at, as skopeo reads it from the registry.</summary>
    private static async Task<string> RegistryDigestAsync(string host, string repository, string tag)
    {
        var output = await Skopeo.RunAsync(["inspect", "--tls-verify=false", $"docker://{host}/{repository}:{tag}"], Token);
        using var document = JsonDocument.Parse(output.StandardOutput);
        return document.RootElement.GetProperty("Digest").GetString()!;
    }

    private static JsonElement Service(JsonElement publish, string name) =>
        publish.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("service").GetString() == name);

    private async Task<JsonElement> PublishJsonAsync() =>
        await CybernodeCli.JsonAsync(["publish", Root, "--store", Store, "--json"], Token);

    /// <summary>build --push of the whole cluster, which must succeed; returns each service's digest.</summary>
    private async Task<Dictionary<string, string>> BuildPushJsonAsync()
    {
        var output = await CybernodeCli.JsonAsync(["build", Root, "--store", Store, "--push", "--json"], Token);
        output.GetProperty("publish").GetProperty("published").GetBoolean().ShouldBeTrue();
        return output.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("digest").GetString()!);
    }
}
