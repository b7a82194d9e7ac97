using Cybernode.Build.Tests.Fixtures;
using Cybernode.Build.Workspaces;

namespace Cybernode.Build.Tests.Workspaces;

public class WorkspaceLoaderTests
{
    [Fact]
    public void Every_folder_with_a_Dockerfile_is_a_service_named_after_its_path()
    {
        using var ws = new TempFolder();
        ws.Write("fullnode/btcd/Dockerfile", "FROM scratch\n");
        ws.Write("web/Dockerfile", "FROM scratch\n");
        ws.Write("docs/readme.txt", "not a service");

        var workspace = WorkspaceLoader.Load(ws.Path);

        workspace.Services.Select(s => s.Name).ShouldBe(["fullnode-btcd", "web"]);
        var btcd = workspace.FindService("fullnode/btcd")!;
        btcd.ImageName.ShouldBe("cybernode/fullnode-btcd:latest");
        btcd.BuildImageName.ShouldBe("cybernode/build-fullnode-btcd:latest");
        btcd.OutputFolder.ShouldBe(ws["fullnode/btcd/bin"]);
    }

    [Fact]
    public void Namespace_comes_from_cybernode_yaml()
    {
        using var ws = new TempFolder();
        ws.Write("a/Dockerfile", "FROM scratch\n");
        ws.Write("cybernode.yaml", "# the team's registry path\nnamespace: example.org/team\n");

        WorkspaceLoader.Load(ws.Path).Services[0].ImageName.ShouldBe("example.org/team/a:latest");
    }

    [Fact]
    public void A_bad_setting_names_the_file_and_line()
    {
        using var ws = new TempFolder();
        ws.Write("a/Dockerfile", "FROM scratch\n");
        ws.Write("cybernode.yaml", "namespace: ok\nnamespaec: typo\n");

        var error = Should.Throw<UserError>(() => WorkspaceLoader.Load(ws.Path));

        error.File.ShouldBe(ws["cybernode.yaml"]);
        error.Line.ShouldBe(2);
        error.Message.ShouldContain("namespaec");
    }

    [Fact]
    public void An_invalid_namespace_is_refused()
    {
        using var ws = new TempFolder();
        ws.Write("a/Dockerfile", "FROM scratch\n");
        ws.Write("cybernode.yaml", "namespace: Upper Case\n");

        Should.Throw<UserError>(() => WorkspaceLoader.Load(ws.Path)).Line.ShouldBe(1);
    }

    [Fact]
    public void A_folder_without_services_is_an_error_with_a_hint()
    {
        using var ws = new TempFolder();
        ws.Write("x/readme", "");

        var error = Should.Throw<UserError>(() => WorkspaceLoader.Load(ws.Path));

        error.Message.ShouldContain("no services");
        error.Hint.ShouldNotBeNull();
    }

    [Fact]
    public void Build_output_folders_are_not_searched_for_services()
    {
        using var ws = new TempFolder();
        ws.Write("a/Dockerfile", "FROM scratch\n");
        ws.Write("a/bin/Dockerfile", "FROM scratch\n");
        ws.Write(".cybernode/store/x/Dockerfile", "FROM scratch\n");

        WorkspaceLoader.Load(ws.Path).Services.Select(s => s.Name).ShouldBe(["a"]);
    }
}
