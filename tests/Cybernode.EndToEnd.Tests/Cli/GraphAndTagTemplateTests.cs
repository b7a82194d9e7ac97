using System.Text.Json;
using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// <c>cybernode graph</c> (FROM, COPY --from and build_after edges, freshness as the build sees it,
/// DOT for graphviz) and tag templates in cybernode.yaml, through the native CLI.
/// </summary>
public sealed class GraphAndTagTemplateTests : IDisposable
{
    private readonly SmallWorkspace _workspace = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Store => _workspace.Store;

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Graph_json_shows_from_copy_from_and_build_after_edges_and_the_build_honours_build_after()
    {
        WriteGraphWorkspace();

        var before = await CybernodeCli.JsonAsync(["graph", _workspace.Root, "--json", "--store", Store], Token);
        var build = await CybernodeCli.JsonAsync(["build", _workspace.Root, "--json", "--store", Store, "--jobs", "1"], Token);
        var after = await CybernodeCli.JsonAsync(["graph", _workspace.Root, "--json", "--store", Store], Token);
        File.AppendAllText(Path.Combine(_workspace.Root, "app", "app.txt"), "changed\n");
        var changed = await CybernodeCli.JsonAsync(["graph", _workspace.Root, "--json", "--store", Store], Token);

        Edges(before).ShouldBe([
            "app -> base from app/Dockerfile:1",
            "late -> tool build-after cybernode.yaml:4",
            "tool -> app copy-from tool/Dockerfile:2",
        ]);
        var built = build.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        built.IndexOf("late").ShouldBeGreaterThan(built.IndexOf("tool"), "build_after: [tool]");
        States(before).ShouldBe(["base not-built", "app not-built", "tool not-built", "late not-built"]);
        States(after).ShouldBe(["base up-to-date", "app up-to-date", "tool up-to-date", "late up-to-date"]);
        States(changed).ShouldBe(["base up-to-date", "app changed", "tool up-to-date", "late up-to-date"]);
        after.GetProperty("services").EnumerateArray().All(s => s.GetProperty("cached").GetBoolean()).ShouldBeTrue();
    }

    [Fact]
    public async Task Graph_dot_is_a_digraph_graphviz_reads_with_an_arrow_per_edge()
    {
        WriteGraphWorkspace();

        var dot = (await CybernodeCli.RunAsync(["graph", _workspace.Root, "--dot", "--store", Store], Token)).EnsureSuccess().StandardOutput;

        var lines = dot.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("digraph \"cybernode\" {");
        lines[^1].ShouldBe("}");
        lines.ShouldContain("  \"app\" -> \"base\" [label=\"from\"];");
        lines.ShouldContain("  \"tool\" -> \"app\" [label=\"copy-from\"];");
        lines.ShouldContain("  \"late\" -> \"tool\" [label=\"build-after\", style=dashed];");
        lines.ShouldContain("  \"base\" [label=\"base\\nnot-built\", style=bold];");
        // graphviz is optional here: where it is installed, dot itself must read the output.
        if (new[] { "/usr/bin/dot", "/usr/local/bin/dot" }.FirstOrDefault(File.Exists) is { } graphviz)
        {
            var input = _workspace.Outside("graph.dot");
            File.WriteAllText(input, dot);
            (await ProcessRunner.RunAsync(graphviz, ["-Tsvg", input], cancellationToken: Token)).EnsureSuccess().StandardOutput.ShouldContain("<svg");
        }
    }

    [Fact]
    public async Task A_build_after_naming_no_service_is_one_error_at_its_line()
    {
        _workspace.AddService("late", "FROM scratch\nCOPY big.bin /\n");
        File.WriteAllText(Path.Combine(_workspace.Root, "cybernode.yaml"), "services:\n  late:\n    build_after:\n      - nope\n");

        var graph = await CybernodeCli.RunAsync(["graph", _workspace.Root], Token);
        var build = await _workspace.FailingBuildAsync(Token);

        foreach (var result in new[] { graph, build })
        {
            result.ShouldFailCleanly(1, $"{Path.Combine(_workspace.Root, "cybernode.yaml")}:4: build_after of late names 'nope', which is not a service of this workspace");
        }
    }

    [Fact]
    public async Task Tag_templates_fill_in_SOURCE_DATE_EPOCH_s_date_and_VERSION()
    {
        WriteVersionedService("svc", "2.0.1");
        File.WriteAllText(Path.Combine(_workspace.Root, "cybernode.yaml"), "tags: ['v{date}']\nservices:\n  svc:\n    tags: ['{version}-{date}']\n");

        var build = await CybernodeCli.JsonAsync(
            ["build", _workspace.Root, "--json", "--store", Store], Token, new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = "1700000000" });

        var digest = build.GetProperty("services")[0].GetProperty("digest").GetString();
        var images = await CybernodeCli.JsonAsync(["images", "--json", "--store", Store], Token);
        images.GetProperty("images").EnumerateArray().Where(i => i.GetProperty("digest").GetString() == digest).Select(i => i.GetProperty("name").GetString()).Order()
            .ShouldBe(["cybernode/svc:2.0.1-20231114", "cybernode/svc:latest", "cybernode/svc:v20231114"]);
    }

    [Fact]
    public async Task A_version_template_fails_only_the_service_without_VERSION_naming_the_file()
    {
        WriteVersionedService("with", "1.0");
        _workspace.AddService("without", "FROM scratch\nCOPY big.bin /\n");
        File.WriteAllText(Path.Combine(_workspace.Root, "cybernode.yaml"), "tags: ['v{version}']\n");

        var result = await CybernodeCli.RunAsync(["build", _workspace.Root, "--store", Store], Token);

        result.ShouldFailCleanly(1, $"{Path.Combine(_workspace.Root, "without", "bin", "VERSION")}: the tag template {{version}} needs");
        var names = (await CybernodeCli.JsonAsync(["images", "--json", "--store", Store], Token)).GetProperty("images").EnumerateArray().Select(i => i.GetProperty("name").GetString()).Order();
        names.ShouldBe(["cybernode/with:latest", "cybernode/with:v1.0"]);
    }

    [Fact]
    public async Task A_rev_template_fails_outside_git_follows_HEAD_on_a_cached_image_and_adds_dirty_for_a_changed_tree()
    {
        _workspace.AddService("svc", "FROM scratch\nCOPY big.bin /\n");
        File.WriteAllText(Path.Combine(_workspace.Root, "cybernode.yaml"), "tags: ['r{rev8}']\n");

        var outside = await CybernodeCli.RunAsync(["build", _workspace.Root, "--store", Store], Token);
        await CommitAsync("svc", "cybernode.yaml");
        var first = await BuildAsync();
        var firstHead = await HeadAsync();
        File.WriteAllText(Path.Combine(_workspace.Root, "NOTES"), "a file no service uses\n");
        await CommitAsync("NOTES");
        var cached = await BuildAsync();
        var secondHead = await HeadAsync();
        File.AppendAllText(Path.Combine(_workspace.Root, "svc", "Dockerfile"), "LABEL changed=1\n");
        var dirty = await BuildAsync();

        outside.ShouldFailCleanly(1, "is not in a git repository", "bin/REVISION");
        Status(first).ShouldBe("built");
        Status(cached).ShouldBe("cached");
        Status(dirty).ShouldBe("built");
        var names = (await CybernodeCli.JsonAsync(["images", "--json", "--store", Store], Token)).GetProperty("images").EnumerateArray()
            .ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("digest").GetString());
        names[$"cybernode/svc:r{firstHead[..8]}"].ShouldBe(Digest(first));
        names[$"cybernode/svc:r{secondHead[..8]}"].ShouldBe(Digest(first), "the cached image gets the new revision's tag");
        names[$"cybernode/svc:r{secondHead[..8]}-dirty"].ShouldBe(Digest(dirty));
    }

    [Fact]
    public async Task An_unknown_template_variable_in_cybernode_yaml_is_one_error_at_its_line()
    {
        _workspace.AddService("svc", "FROM scratch\nCOPY big.bin /\n");
        File.WriteAllText(Path.Combine(_workspace.Root, "cybernode.yaml"), "tags:\n  - stable\n  - v{commit}\n");

        var result = await _workspace.FailingBuildAsync(Token);

        result.ShouldFailCleanly(1, $"{Path.Combine(_workspace.Root, "cybernode.yaml")}:3: tag 'v{{commit}}' uses the unknown '{{commit}}'");
    }

    private void WriteGraphWorkspace()
    {
        _workspace.AddService("base", "FROM scratch\nCOPY big.bin /\n");
        _workspace.AddService("app", "FROM cybernode/base\nCOPY app.txt /\n", "app.txt");
        _workspace.AddService("tool", "FROM scratch\nCOPY --from=cybernode/app /app.txt /\n");
        _workspace.AddService("late", "FROM scratch\nCOPY big.bin /\n");
        File.WriteAllText(Path.Combine(_workspace.Root, "cybernode.yaml"), "services:\n  late:\n    build_after:\n      - tool\n");
    }

    private void WriteVersionedService(string name, string version)
    {
        _workspace.AddService(name, "FROM scratch\nCOPY bin/VERSION /\n");
        File.WriteAllText(Path.Combine(_workspace.Root, name, "01build.sh"), $"#!/bin/sh\necho {version} > \"$BUILD_DIR/VERSION\"\n");
    }

    private Task<JsonElement> BuildAsync() => CybernodeCli.JsonAsync(["build", _workspace.Root, "--json", "--store", Store], Token);

    private static string? Status(JsonElement build) => build.GetProperty("services")[0].GetProperty("status").GetString();

    private static string? Digest(JsonElement build) => build.GetProperty("services")[0].GetProperty("digest").GetString();

    private async Task CommitAsync(params string[] paths)
    {
        if (!Directory.Exists(Path.Combine(_workspace.Root, ".git")))
        {
            await GitAsync("init", "-q");
        }

        await GitAsync(["add", .. paths]);
        await GitAsync("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "change");
    }

    private async Task<string> HeadAsync() => (await GitAsync("rev-parse", "HEAD")).Trim();

    private async Task<string> GitAsync(params string[] arguments) =>
        (await ProcessRunner.RunAsync("git", ["-C", _workspace.Root, .. arguments], cancellationToken: Token)).EnsureSuccess().StandardOutput;

    private static List<string> Edges(JsonElement graph) =>
        [.. graph.GetProperty("edges").EnumerateArray().Select(e =>
            $"{e.GetProperty("service").GetString()} -> {e.GetProperty("dependsOn").GetString()} {e.GetProperty("kind").GetString()} {e.GetProperty("file").GetString()}:{e.GetProperty("line").GetInt32()}")];

    private static List<string> States(JsonElement graph) =>
        [.. graph.GetProperty("services").EnumerateArray().Select(s => $"{s.GetProperty("name").GetString()} {s.GetProperty("freshness").GetString()}")];
}
