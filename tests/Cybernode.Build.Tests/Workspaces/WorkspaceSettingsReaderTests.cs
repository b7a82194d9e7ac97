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
    [InlineData("services:\n  btcd:\n    cache:\n      go: relative/path\n", 4, "cache 'go' must be mounted at an absolute path")]
    [InlineData("services:\n  btcd:\n    cache:\n      'bad name': /x\n", 4, "'bad name' is not a valid volume name")]
    [InlineData("services:\n  btcd:\n    cache: [/x]\n", 3, "expected a mapping")]
    [InlineData("tags: stable\n", 1, "expected a list")]
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
}
