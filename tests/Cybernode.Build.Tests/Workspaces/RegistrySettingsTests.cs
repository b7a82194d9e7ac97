using Cybernode.Build.Publishing;
using Cybernode.Build.Tests.Fixtures;
using Cybernode.Build.Workspaces;

namespace Cybernode.Build.Tests.Workspaces;

public class RegistrySettingsTests
{
    [Fact]
    public void Registry_and_insecure_registries_are_read()
    {
        using var ws = new TempFolder();
        ws.Write("cybernode.yaml", """
            namespace: first
            registry: registry.lan:5000/team/cluster
            insecure_registries: [registry.lan:5000, 10.0.0.7]
            """);

        var settings = WorkspaceSettingsReader.Read(ws.Path);

        settings.Registry.ShouldBe(new RegistryTarget("registry.lan:5000", "team/cluster"));
        settings.Registry!.NameFor("fullnode-btcd").ShouldBe("registry.lan:5000/team/cluster/fullnode-btcd");
        settings.InsecureRegistries.ShouldBe(["registry.lan:5000", "10.0.0.7"]);
    }

    [Fact]
    public void Without_them_there_is_no_registry_and_no_insecure_host()
    {
        using var ws = new TempFolder();
        ws.Write("cybernode.yaml", "namespace: first\n");

        var settings = WorkspaceSettingsReader.Read(ws.Path);

        settings.Registry.ShouldBeNull();
        settings.InsecureRegistries.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("namespace: a\nregistry: cybernode\n", 2, "'cybernode' is not a registry host")]
    [InlineData("registry: https://registry.lan/team\n", 1, "is not a registry host")]
    [InlineData("registry: registry.lan/Team\n", 1, "'Team' is not a repository prefix")]
    [InlineData("registry: registry.lan/team:v1\n", 1, "names a tag or digest")]
    [InlineData("registry: registry.lan/team@sha256:0123456789012345678901234567890123456789012345678901234567890123\n", 1, "names a tag or digest")]
    [InlineData("registry: [registry.lan/team]\n", 1, "expected a plain value, not a list")]
    [InlineData("tags: [v1]\ninsecure_registries:\n  - registry.lan:5000\n  - http://registry.lan\n", 4, "'http://registry.lan' is not a registry host")]
    [InlineData("insecure_registries: registry.lan\n", 1, "expected a list")]
    public void Bad_registry_settings_are_refused_with_the_file_and_line(string yaml, int line, string message)
    {
        using var ws = new TempFolder();
        ws.Write("cybernode.yaml", yaml);

        var error = Should.Throw<UserError>(() => WorkspaceSettingsReader.Read(ws.Path));

        error.File.ShouldBe(ws["cybernode.yaml"]);
        error.Line.ShouldBe(line);
        error.Message.ShouldContain(message);
        error.Hint.ShouldNotBeNullOrEmpty();
    }
}
