using Cybernode.Build.Tests.Fixtures;
using Cybernode.Build.Workspaces;

namespace Cybernode.Build.Tests.Workspaces;

/// <summary>Where a workspace starts and what `build [FOLDER|SERVICE] [SERVICE...]` picks in it.</summary>
public class WorkspaceSelectionTests
{
    [Fact]
    public void The_root_is_the_nearest_folder_above_with_cybernode_yaml_or_a_cybernode_folder()
    {
        using var ws = new TempFolder();
        ws.Write("outer/cybernode.yaml", "");
        ws.Write("outer/inner/.cybernode/logs/x.log", "");
        Directory.CreateDirectory(ws["outer/inner/a/b"]);
        Directory.CreateDirectory(ws["outer/c"]);
        Directory.CreateDirectory(ws["plain/d"]);

        WorkspaceMarkers.FindRoot(ws["outer/inner/a/b"]).ShouldBe(ws["outer/inner"]);
        WorkspaceMarkers.FindRoot(ws["outer/c"] + "/").ShouldBe(ws["outer"]);
        WorkspaceMarkers.FindRoot(ws["plain/d"]).ShouldBe(ws["plain/d"]);
    }

    [Fact]
    public void A_folder_inside_a_service_picks_that_service()
    {
        using var ws = new TempFolder();
        ws.Write("cybernode.yaml", "");
        ws.Write("fullnode/btcd/Dockerfile", "FROM scratch\n");
        ws.Write("fullnode/btcd/src/main.go", "");
        ws.Write("web/Dockerfile", "FROM scratch\n");

        var selection = WorkspaceSelection.Resolve(null, [], ws["fullnode/btcd/src"]);

        selection.Workspace.Root.ShouldBe(ws.Path);
        selection.Services.ShouldBe(["fullnode-btcd"]);
        selection.NothingElse.ShouldBeFalse();
    }

    [Fact]
    public void Service_words_after_a_folder_may_be_paths_below_that_folder()
    {
        using var ws = new TempFolder();
        ws.Write("cybernode.yaml", "");
        ws.Write("fullnode/btcd/Dockerfile", "FROM scratch\n");
        ws.Write("fullnode/parity/Dockerfile", "FROM scratch\n");

        var selection = WorkspaceSelection.Resolve(ws["fullnode"], ["btcd", "fullnode-parity"], ws.Path);

        selection.Services.ShouldBe(["fullnode-btcd", "fullnode-parity"]);
    }

    [Fact]
    public void A_folder_of_a_workspace_without_services_names_the_workspace_s_services()
    {
        using var ws = new TempFolder();
        ws.Write("cybernode.yaml", "");
        ws.Write("web/Dockerfile", "FROM scratch\n");
        Directory.CreateDirectory(ws["docs"]);

        var error = Should.Throw<UserError>(() => WorkspaceSelection.Resolve(ws["docs"], [], ws.Path));

        error.Message.ShouldBe($"no services in {ws["docs"]}, a folder of the workspace {ws.Path}");
        error.Hint!.ShouldContain("web");
    }

    [Fact]
    public void A_path_that_does_not_exist_is_never_searched_for_as_a_service_name()
    {
        using var ws = new TempFolder();
        ws.Write("web/Dockerfile", "FROM scratch\n");

        var error = Should.Throw<UserError>(() => WorkspaceSelection.Resolve("./web2", [], ws.Path));

        error.Message.ShouldContain($"{ws["web2"]} does not exist");
    }
}
