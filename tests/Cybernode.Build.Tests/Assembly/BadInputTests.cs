using Cybernode.Build.Tests.Fixtures;

namespace Cybernode.Build.Tests.Assembly;

/// <summary>Each mistake is reported with the Dockerfile's path and line, and the store is left as it was.</summary>
public class BadInputTests
{
    private static async Task<UserError> FailsLeavingStoreUnchanged(AssemblyHarness harness, string dockerfile)
    {
        harness.Write("bin/present", "x");
        await harness.AssembleAsync("FROM scratch\nCOPY bin/present /\n", name: "cybernode/earlier:latest");
        var before = harness.StoreSnapshot();

        var error = await Should.ThrowAsync<UserError>(() => harness.AssembleAsync(dockerfile));

        harness.StoreSnapshot().ShouldBe(before);
        return error;
    }

    private static string Where(UserError error) => error.Describe();

    [Fact]
    public async Task An_empty_Dockerfile()
    {
        using var harness = new AssemblyHarness();
        var error = await FailsLeavingStoreUnchanged(harness, "");
        Where(error).ShouldContain("Dockerfile");
    }

    [Fact]
    public async Task A_missing_Dockerfile()
    {
        using var harness = new AssemblyHarness();
        var store = await Oci.Store.OciLayoutStore.OpenAsync(harness.StorePath, CancellationToken.None);
        var request = new Build.Assembly.AssemblyRequest(Path.Combine(harness.Context, "nope", "Dockerfile"), harness.Context, "cybernode/x:latest",
            new Dictionary<string, string>(), new Dictionary<string, string>());

        var error = await Should.ThrowAsync<UserError>(() =>
            new Build.Assembly.InProcessAssembler(store, Build.Assembly.AssemblerOptions.Default).AssembleAsync(request, CancellationToken.None));

        error.File.ShouldBe(Path.Combine(harness.Context, "nope", "Dockerfile"));
    }

    [Fact]
    public async Task An_unknown_instruction()
    {
        using var harness = new AssemblyHarness();
        var error = await FailsLeavingStoreUnchanged(harness, "FROM scratch\nCOPPY bin/present /\n");
        Where(error).ShouldContain("Dockerfile:2:");
        Where(error).ShouldContain("COPPY", Case.Insensitive);
    }

    [Theory]
    [InlineData("../outside", "outside the build context")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("bin/nothing-*", "no file in the build context matches")]
    [InlineData("missing.txt", "does not exist")]
    public async Task A_copy_source_that_cannot_be_taken(string source, string expected)
    {
        using var harness = new AssemblyHarness();
        var error = await FailsLeavingStoreUnchanged(harness, $"FROM scratch\nENV X=1\nCOPY {source} /cyberapp/\n");
        error.Line.ShouldBe(3);
        error.Message.ShouldContain(expected);
    }

    [Fact]
    public async Task A_symlink_pointing_out_of_the_context()
    {
        using var harness = new AssemblyHarness();
        harness.Write("bin/present", "x");
        File.CreateSymbolicLink(Path.Combine(harness.Context, "escape"), "/etc/hostname");
        var error = await FailsLeavingStoreUnchanged(harness, "FROM scratch\nCOPY escape /x\n");
        error.Line.ShouldBe(2);
        error.Message.ShouldContain("outside the build context");
    }

    [Fact]
    public async Task A_source_below_a_linked_folder_pointing_out_of_the_context()
    {
        using var harness = new AssemblyHarness();
        harness.Write("bin/present", "x");
        Directory.CreateSymbolicLink(Path.Combine(harness.Context, "etc-link"), "/etc");
        var error = await FailsLeavingStoreUnchanged(harness, "FROM scratch\nCOPY etc-link/hostname /x\n");
        error.Line.ShouldBe(2);
        error.Message.ShouldContain("outside the build context");
    }

    [Fact]
    public async Task From_an_image_not_in_the_store()
    {
        using var harness = new AssemblyHarness();
        var error = await FailsLeavingStoreUnchanged(harness, "# base\nFROM cybernode/never-built\nCOPY bin/present /\n");
        error.Line.ShouldBe(2);
        error.Message.ShouldContain("not in the store");
        error.Hint!.ShouldContain("cybernode import");
    }

    [Fact]
    public async Task Run_names_the_way_out()
    {
        using var harness = new AssemblyHarness();
        var error = await FailsLeavingStoreUnchanged(harness, "FROM scratch\nRUN make\n");
        error.Line.ShouldBe(2);
        error.Hint!.ShouldContain("01build.sh");
        error.Hint!.ShouldContain("podman");
    }

    [Fact]
    public async Task A_bad_substitution()
    {
        using var harness = new AssemblyHarness();
        var error = await FailsLeavingStoreUnchanged(harness, "FROM scratch\nENV A=${B:?B_must_be_set}\n");
        error.Line.ShouldBe(2);
        error.Message.ShouldContain("B_must_be_set");
    }
}
