using Cybernode.Build.Planning;
using Cybernode.Build.Tests.Fixtures;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Tests.Planning;

public class StaleNamespaceCheckTests
{
    [Fact]
    public void Only_a_service_named_under_another_namespace_is_flagged()
    {
        using var ws = new TempFolder();
        ws.Write("cybernode.yaml", "namespace: team\n");
        ws.Write("base/Dockerfile", "FROM scratch\n");
        ws.Write("own/Dockerfile", "FROM team/base\n");
        ws.Write("public/Dockerfile", "FROM debian:12\nCOPY --from=someone/tool /x /x\n");
        ws.Write("stale/Dockerfile", "FROM scratch AS s\nCOPY --from=cybernode/base:v1 /x /x\n");
        var workspace = WorkspaceLoader.Load(ws.Path);

        var warning = StaleNamespaceCheck.Find(workspace, workspace.Services, new Dockerfiles(new Dictionary<string, string>(), Platform.LinuxAmd64)).ShouldHaveSingleItem();

        warning.File.ShouldBe(ws["stale/Dockerfile"]);
        warning.Line.ShouldBe(2);
        warning.Message.ShouldStartWith("cybernode/base is not this workspace's service base, whose image is team/base");
        warning.Hint.ShouldBe("if namespace: changed, write team/base instead");
    }
}
