using Cybernode.Build.Tests.Fixtures;
using Cybernode.Build.Workspaces;

namespace Cybernode.Build.Tests.Workspaces;

public class WorkspaceSettingsReaderTests
{
    [Fact]
    public void Providers_tags_and_per_service_caches_and_tags_are_read()
    {
        using var ws = new TempFolder();
        ws.Write("cybernode.yaml", """
            providers: [podman, docker]
            tags: [stable]
            services:
              btcd:
                cache:
                  go-mod: /go/pkg/mod
                  go-build: /root/.cache/go-build
                tags: [v0.24]
              web:
            """);

        var settings = WorkspaceSettingsReader.Read(ws.Path);

        settings.Providers.ShouldBe(["podman", "docker"]);
        settings.Tags.ShouldBe(["stable"]);
        settings.For("btcd").Cache.ShouldBe(new Dictionary<string, string> { ["go-build"] = "/root/.cache/go-build", ["go-mod"] = "/go/pkg/mod" });
        settings.For("btcd").Tags.ShouldBe(["v0.24"]);
        settings.For("web").Cache.ShouldBeEmpty();
        settings.For("unnamed").ShouldBe(ServiceSettings.None);
    }

    [Theory]
    [InlineData("services:\n  btcd:\n    caches:\n      x: /x\n", 3, "unknown setting 'caches' of service btcd")]
    [InlineData("providers: [docker, rkt]\n", 1, "unknown provider 'rkt'")]
    [InlineData("tags: [ok, -bad]\n", 1, "'-bad' is not a valid image tag")]
    [InlineData("tags:\n  - v1\n  - v{commit}\n", 3, "tag 'v{commit}' uses the unknown '{commit}'")]
    [InlineData("services:\n  btcd:\n    tags: ['-{date}']\n", 3, "'-{date}' can never be a valid image tag")]
    [InlineData("services:\n  btcd:\n    build_after: other\n", 3, "expected a list")]
    [InlineData("services:\n  btcd:\n    cache:\n      go: relative/path\n", 4, "cache 'go' must be mounted at an absolute path")]
    [InlineData("services:\n  btcd:\n    cache:\n      'bad name': /x\n", 4, "'bad name' is not a valid volume name")]
    [InlineData("services:\n  btcd:\n    cache: [/x]\n", 3, "expected a mapping")]
    [InlineData("tags: stable\n", 1, "expected a list")]
    [InlineData("namespace: [a, b]\n", 1, "expected a plain value, not a list")]
    [InlineData("namespace:\n  a: b\n", 2, "expected a plain value, not a mapping")]
    [InlineData("[a, b]: x\n", 1, "a key is a list")]
    [InlineData("tags: [v1]\n? {a: b}\n: x\n", 2, "a key is a mapping")]
    [InlineData("services:\n  [btcd]: {}\n", 2, "a key is a list")]
    [InlineData("services:\n  btcd:\n    cache:\n      go: [/x]\n", 4, "expected a plain value, not a list")]
    [InlineData("services:\n  btcd:\n    {go: x}: /x\n", 3, "a key is a mapping")]
    [InlineData("providers: {docker: 1}\n", 1, "expected a list, not a mapping")]
    [InlineData("services: [btcd]\n", 1, "expected a mapping (key: value), not a list")]
    [InlineData("namespace: a\nregistry: cybernode\n", 2, "'cybernode' is not a registry host")]
    [InlineData("registry: https://registry.lan/team\n", 1, "is not a registry host")]
    [InlineData("registry: registry.lan/Team\n", 1, "'Team' is not a repository prefix")]
    [InlineData("registry: registry.lan/team:v1\n", 1, "names a tag or digest")]
    [InlineData("registry: registry.lan/team@sha256:0123456789012345678901234567890123456789012345678901234567890123\n", 1, "names a tag or digest")]
    [InlineData("registry: [registry.lan/team]\n", 1, "expected a plain value, not a list")]
    [InlineData("tags: [v1]\ninsecure_registries:\n  - registry.lan:5000\n  - http://registry.lan\n", 4, "'http://registry.lan' is not a registry host")]
    [InlineData("insecure_registries: registry.lan\n", 1, "expected a list")]
    public void Bad_settings_are_refused_with_the_file_and_line(string yaml, int line, string message)
    {
        using var ws = new TempFolder();
        ws.Write("cybernode.yaml", yaml);

        var error = Should.Throw<UserError>(() => WorkspaceSettingsReader.Read(ws.Path));

        error.File.ShouldBe(ws["cybernode.yaml"]);
        error.Line.ShouldBe(line);
        error.Message.ShouldContain(message);
        error.Hint.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Settings_for_a_service_the_workspace_lacks_are_refused_at_their_line()
    {
        using var ws = new TempFolder();
        ws.Write("btcd/Dockerfile", "FROM scratch\n");
        ws.Write("cybernode.yaml", "services:\n  btdc:\n    tags: [v1]\n");

        var error = Should.Throw<UserError>(() => WorkspaceLoader.Load(ws.Path));

        error.Line.ShouldBe(2);
        error.Message.ShouldContain("'btdc'");
        error.Hint!.ShouldContain("btcd");
    }

    [Fact]
    public void A_file_nested_fifty_thousand_levels_deep_is_refused_before_it_is_built()
    {
        using var ws = new TempFolder();
        ws.Write("cybernode.yaml", "tags:\n  " + new string('[', 50_000) + new string(']', 50_000) + "\n");

        var error = Should.Throw<UserError>(() => WorkspaceSettingsReader.Read(ws.Path));

        error.Line.ShouldBe(2);
        error.Message.ShouldContain("nested more than 32 levels deep");
    }

    [Fact]
    public void Block_mappings_nested_deeper_than_the_limit_are_refused()
    {
        using var ws = new TempFolder();
        ws.Write("cybernode.yaml", string.Concat(Enumerable.Range(0, 40).Select(i => $"{new string(' ', i)}k{i}:\n")) + new string(' ', 40) + "x\n");

        Should.Throw<UserError>(() => WorkspaceSettingsReader.Read(ws.Path)).Message.ShouldContain("nested more than");
    }

    [Fact]
    public void Control_bytes_of_a_value_are_escaped_in_the_message()
    {
        using var ws = new TempFolder();
        ws.Write("cybernode.yaml", "namespace: \"\\e]0;title\\a\\e[2J\"\n");

        var text = Should.Throw<UserError>(() => WorkspaceSettingsReader.Read(ws.Path)).Describe();

        text.ShouldContain("namespace '\\x1b]0;title\\x07\\x1b[2J' is not a valid repository path");
        text.ShouldNotContain("\u001b");
    }

    [Fact]
    public void A_fifo_is_refused_without_waiting()
    {
        using var ws = new TempFolder();
        SpecialFiles.MakeFifo(ws["cybernode.yaml"]);

        Should.Throw<UserError>(() => WorkspaceSettingsReader.Read(ws.Path)).Message.ShouldContain("FIFO");
    }

    [Fact]
    public void A_folder_named_cybernode_yaml_is_refused()
    {
        using var ws = new TempFolder();
        Directory.CreateDirectory(ws["cybernode.yaml"]);

        Should.Throw<UserError>(() => WorkspaceSettingsReader.Read(ws.Path)).Message.ShouldContain("is a folder");
    }

    [Fact]
    public void A_link_to_dev_zero_is_refused()
    {
        using var ws = new TempFolder();
        File.CreateSymbolicLink(ws["cybernode.yaml"], "/dev/zero");

        Should.Throw<UserError>(() => WorkspaceSettingsReader.Read(ws.Path)).Message.ShouldContain("character device");
    }

    [Fact]
    public void A_file_over_one_mebibyte_is_refused()
    {
        using var ws = new TempFolder();
        ws.Write("cybernode.yaml", "# " + new string('x', 1024 * 1024) + "\nnamespace: ok\n");

        var error = Should.Throw<UserError>(() => WorkspaceSettingsReader.Read(ws.Path));

        error.File.ShouldBe(ws["cybernode.yaml"]);
        error.Message.ShouldContain("larger than 1 MiB");
    }
}
