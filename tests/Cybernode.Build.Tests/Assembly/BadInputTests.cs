using Cybernode.Build.Tests.Fixtures;

namespace Cybernode.Build.Tests.Assembly;

/// <summary>Each mistake is reported with the Dockerfile's path and line, and the store is left as it was.</summary>
public class BadInputTests
{
    private static async Task<UserError> FailsLeavingStoreUnchanged(AssemblyHarness harness, string dockerfile, Action? spoilContext = null)
    {
        harness.Write("bin/present", "x");
        await harness.AssembleAsync("FROM scratch\nCOPY bin/present /\n", name: "cybernode/earlier:latest");
        var before = harness.StoreSnapshot();
        spoilContext?.Invoke();

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

    [Fact]
    public async Task A_dockerignore_with_an_invalid_pattern_names_its_line()
    {
        using var harness = new AssemblyHarness();
        var ignore = Path.Combine(harness.Context, ".dockerignore");

        var error = await FailsLeavingStoreUnchanged(harness, "FROM scratch\nCOPY bin/present /\n", () => harness.Write(".dockerignore", "# comment\n*.o\nbin/[\n"));

        error.File.ShouldBe(ignore);
        error.Line.ShouldBe(3);
        error.Describe().ShouldStartWith($"{ignore}:3: ");
        error.Hint.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("/etc/passwd", "outside the build context")]
    [InlineData("/dev/zero", "outside the build context")]
    [InlineData("../outside.txt", "outside the build context")]
    public async Task A_dockerignore_linked_outside_the_context_is_refused_without_reading_it(string target, string expected)
    {
        using var harness = new AssemblyHarness();
        harness.Write("../outside.txt", "secret-pattern-[\n");

        var error = await FailsLeavingStoreUnchanged(harness, "FROM scratch\nCOPY bin/present /\n",
            () => File.CreateSymbolicLink(Path.Combine(harness.Context, ".dockerignore"), target));

        error.Describe().ShouldContain(expected);
        error.Describe().ShouldNotContain("secret-pattern");
        error.File.ShouldBe(Path.Combine(harness.Context, ".dockerignore"));
    }

    [Fact]
    public async Task A_dockerignore_linked_to_a_file_inside_the_context_is_read()
    {
        using var harness = new AssemblyHarness();
        harness.Write("bin/skip.o", "o");
        harness.Write("ignore-rules", "bin/*.o\n");
        File.CreateSymbolicLink(Path.Combine(harness.Context, ".dockerignore"), "ignore-rules");
        harness.Write("bin/present", "x");

        var image = await harness.AssembleAsync("FROM scratch\nCOPY bin /b/\n");

        (await harness.LayerListingAsync(image.Manifest.Layers[0])).ShouldBe(["b/ 755 0:0 0", "b/present 644 0:0 1"]);
    }

    [Fact]
    public async Task A_dockerignore_that_is_a_fifo_is_refused_without_opening_it()
    {
        using var harness = new AssemblyHarness();
        var error = await FailsLeavingStoreUnchanged(harness, "FROM scratch\nCOPY bin/present /\n", () => MakeFifo(Path.Combine(harness.Context, ".dockerignore"))).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        error.Message.ShouldContain("not a regular file");
    }

    [Fact]
    public async Task A_dockerignore_that_is_a_folder_is_refused()
    {
        using var harness = new AssemblyHarness();
        var error = await FailsLeavingStoreUnchanged(harness, "FROM scratch\nCOPY bin/present /\n",
            () => Directory.CreateDirectory(Path.Combine(harness.Context, ".dockerignore")));

        error.Message.ShouldContain("not a regular file");
    }

    [Fact]
    public async Task A_dockerignore_above_one_mebibyte_is_refused()
    {
        using var harness = new AssemblyHarness();
        var error = await FailsLeavingStoreUnchanged(harness, "FROM scratch\nCOPY bin/present /\n",
            () => harness.Write(".dockerignore", new string('x', 100) + "\n" + new string('#', (1 << 20) + 10)));

        error.Message.ShouldContain("larger than 1 MiB");
        error.Describe().ShouldNotContain("xxxx");
    }

    [Fact]
    public async Task A_fifo_in_a_copied_folder_is_refused_at_the_copy_line_without_hanging()
    {
        using var harness = new AssemblyHarness();
        var error = await FailsLeavingStoreUnchanged(harness, "FROM scratch\nCOPY . /app/\n", () => MakeFifo(Path.Combine(harness.Context, "bin", "pipe"))).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        error.Line.ShouldBe(2);
        error.Message.ShouldContain("'bin/pipe' in the build context is a FIFO");
    }

    [Fact]
    public async Task A_malformed_glob_source_is_refused_at_its_line()
    {
        using var harness = new AssemblyHarness();

        var error = await FailsLeavingStoreUnchanged(harness, "FROM scratch\nCOPY bin/[ /app/\n");

        error.Line.ShouldBe(2);
        error.Message.ShouldContain("not a valid pattern");
    }

    private static void MakeFifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        mkfifo.ExitCode.ShouldBe(0);
    }
}
