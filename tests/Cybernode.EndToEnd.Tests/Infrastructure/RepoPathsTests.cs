namespace Cybernode.EndToEnd.Tests.Infrastructure;

public class RepoPathsTests
{
    [Fact]
    public void Root_is_the_folder_holding_the_solution()
    {
        File.Exists(Path.Combine(RepoPaths.Root, "Cybernode.slnx")).ShouldBeTrue();
        AppContext.BaseDirectory.ShouldStartWith(RepoPaths.Root);
    }

    [Fact]
    public void Shared_sits_beside_the_repository()
    {
        Path.GetDirectoryName(RepoPaths.Shared).ShouldBe(Path.GetDirectoryName(RepoPaths.Root));
        Path.GetFileName(RepoPaths.Shared).ShouldBe("shared");
    }

    [Fact]
    public void The_cli_is_the_one_built_in_this_assemblys_configuration()
    {
        RepoPaths.Configuration.ShouldBeOneOf("Release", "Debug");
        AppContext.BaseDirectory.ShouldContain($"/bin/{RepoPaths.Configuration}/");
        RepoPaths.CliDll.ShouldContain($"/src/Cybernode.Cli/bin/{RepoPaths.Configuration}/");
        File.Exists(RepoPaths.CliDll).ShouldBeTrue($"{RepoPaths.CliDll} should have been built with the tests");
    }
}
