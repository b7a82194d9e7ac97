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
}
