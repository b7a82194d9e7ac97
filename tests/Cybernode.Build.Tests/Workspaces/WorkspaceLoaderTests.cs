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

    [Theory]
    [InlineData("UPPER")]
    [InlineData("My Service")]
    [InlineData("-dash")]
    [InlineData("trailing-")]
    [InlineData("a..b")]
    [InlineData(".hidden")]
    [InlineData("new\nline")]
    [InlineData("caf\u00e9")]
    public void A_folder_that_makes_no_valid_name_is_rejected_alone_naming_the_rule(string folder)
    {
        using var ws = new TempFolder();
        ws.Write("good/Dockerfile", "FROM scratch\n");
        ws.Write(Path.Combine(folder, "Dockerfile"), "FROM scratch\n");

        var workspace = WorkspaceLoader.Load(ws.Path);

        workspace.Services.Select(s => s.Name).ShouldBe(["good"]);
        var rejected = workspace.Rejected.ShouldHaveSingleItem();
        rejected.Name.ShouldBe(folder);
        rejected.Error.File.ShouldBe(ws[folder]);
        var text = rejected.Error.Describe();
        text.ShouldContain($"the folder {ReadableText.Quote(folder)} makes the service name");
        text.ShouldContain("lower-case letters and digits, joined by the separators '.', '_', '__' or '-'");
        text.Split('\n').Length.ShouldBe(2);
    }

    [Fact]
    public void A_folder_under_a_valid_one_is_checked_by_its_whole_name()
    {
        using var ws = new TempFolder();
        ws.Write("group/Sub/Dockerfile", "FROM scratch\n");
        ws.Write("group/sub-ok/Dockerfile", "FROM scratch\n");

        var workspace = WorkspaceLoader.Load(ws.Path);

        workspace.Services.Select(s => s.Name).ShouldBe(["group-sub-ok"]);
        workspace.Rejected.Select(r => r.Name).ShouldBe(["group-Sub"]);
        workspace.Rejected[0].IsNamedBy("group/Sub").ShouldBeTrue();
    }

    [Fact]
    public void A_workspace_of_only_rejected_folders_still_loads_so_each_can_be_reported()
    {
        using var ws = new TempFolder();
        ws.Write("UPPER/Dockerfile", "FROM scratch\n");

        var workspace = WorkspaceLoader.Load(ws.Path);

        workspace.Services.ShouldBeEmpty();
        workspace.Rejected.ShouldHaveSingleItem();
    }

    [Fact]
    public void A_workspace_that_is_a_file_says_so()
    {
        using var ws = new TempFolder();
        var file = ws.Write("file", "x");

        var error = Should.Throw<UserError>(() => WorkspaceLoader.Load(file));

        error.Describe().ShouldBe($"{file}: is a file; build takes a workspace folder or a service's folder\nhint: give the workspace folder, or a service's folder");
    }

    [Fact]
    public void A_folder_whose_name_is_not_utf8_is_rejected_alone()
    {
        using var ws = new TempFolder();
        ws.Write("good/Dockerfile", "FROM scratch\n");
        // .NET strings cannot hold the bytes 0xff 0xfe, so the shell makes the folder.
        using (var mkdir = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sh", ["-c", "mkdir \"$(printf '\\377\\376')\""]) { WorkingDirectory = ws.Path })!)
        {
            mkdir.WaitForExit();
            mkdir.ExitCode.ShouldBe(0);
        }

        var workspace = WorkspaceLoader.Load(ws.Path);

        workspace.Services.Select(s => s.Name).ShouldBe(["good"]);
        workspace.Rejected.ShouldHaveSingleItem().Error.Message.ShouldContain("not valid UTF-8");
    }

    [Fact]
    public void A_folder_with_its_own_cybernode_yaml_is_a_workspace_apart_not_services_under_other_names()
    {
        using var ws = new TempFolder();
        ws.Write("a/Dockerfile", "FROM scratch\n");
        ws.Write("vendor/lib/cybernode.yaml", "namespace: other\n");
        ws.Write("vendor/lib/b/Dockerfile", "FROM scratch\n");

        var workspace = WorkspaceLoader.Load(ws.Path);

        workspace.Services.Select(s => s.Name).ShouldBe(["a"]);
        workspace.Nested.ShouldBe([ws["vendor/lib"]]);
        var warning = workspace.Warnings.ShouldHaveSingleItem();
        warning.Message.ShouldBe("vendor/lib is a workspace of its own (it holds cybernode.yaml), so its services are not part of this workspace");
        warning.Hint.ShouldBe("build it from its folder; if it belongs to this workspace, remove its cybernode.yaml");
    }

    [Fact]
    public void A_folder_holding_only_workspaces_lists_them()
    {
        using var ws = new TempFolder();
        ws.Write("one/cybernode.yaml", "");
        ws.Write("one/s/Dockerfile", "FROM scratch\n");
        ws.Write("two/.cybernode/store/oci-layout", "{}");
        ws.Write("two/t/Dockerfile", "FROM scratch\n");

        var error = Should.Throw<UserError>(() => WorkspaceLoader.Load(ws.Path));

        error.Message.ShouldContain("has no services of its own; the folders below it are separate workspaces");
        error.Message.ShouldContain(ws["one"]);
        error.Message.ShouldContain(ws["two"]);
    }

    [Theory]
    [InlineData("Dockerfile-build", "parity has Dockerfile-build but no Dockerfile")]
    [InlineData("01build.sh", "parity has 01build.sh but no Dockerfile")]
    public void A_folder_with_build_files_but_no_Dockerfile_is_a_warning_not_dropped_in_silence(string file, string message)
    {
        using var ws = new TempFolder();
        ws.Write("a/Dockerfile", "FROM scratch\n");
        ws.Write($"parity/{file}", "x\n");

        var warning = WorkspaceLoader.Load(ws.Path).Warnings.ShouldHaveSingleItem();

        warning.Message.ShouldContain(message);
        warning.File.ShouldBe(ws["parity"]);
        warning.Hint.ShouldNotBeNull();
    }

    [Fact]
    public void A_Dockerfile_at_the_root_or_behind_a_link_is_a_warning()
    {
        using var ws = new TempFolder();
        using var outside = new TempFolder();
        ws.Write("Dockerfile", "FROM scratch\n");
        ws.Write("a/Dockerfile", "FROM scratch\n");
        outside.Write("svc/Dockerfile", "FROM scratch\n");
        Directory.CreateSymbolicLink(ws["linked"], outside["svc"]);

        var warnings = WorkspaceLoader.Load(ws.Path).Warnings.Select(w => w.Message).ToList();

        warnings.Count.ShouldBe(2);
        warnings[0].ShouldContain("the workspace root holds a Dockerfile");
        warnings[1].ShouldContain("linked is a symbolic link");
    }
}
