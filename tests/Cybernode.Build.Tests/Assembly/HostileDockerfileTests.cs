using Cybernode.Build.Assembly;
using Cybernode.Build.Tests.Fixtures;
using Cybernode.Oci.Store;

namespace Cybernode.Build.Tests.Assembly;

/// <summary>Dockerfiles built to exhaust memory or hang the build are refused at their line, with the store untouched.</summary>
public class HostileDockerfileTests
{
    /// <summary>The 11-line bomb of issue 7: each ENV repeats the previous variable ten times.</summary>
    public static string ExpansionBomb() =>
        "FROM scratch\nENV A0=xxxxxxxxxx\n"
        + string.Concat(Enumerable.Range(1, 11).Select(n => $"ENV A{n}={string.Concat(Enumerable.Repeat($"$A{n - 1}", 10))}\n"));

    [Fact]
    public async Task An_env_expansion_bomb_is_refused_at_the_line_where_a_word_passes_the_limit()
    {
        using var harness = new AssemblyHarness();
        var before = GC.GetTotalAllocatedBytes();

        var error = await Should.ThrowAsync<UserError>(() => harness.AssembleAsync(ExpansionBomb()));

        // A0 has 10 characters, so A6 is the first value over 1 Mi (10^7); it is on line 8.
        error.Line.ShouldBe(8);
        error.Message.ShouldContain("longer than 1 Mi characters");
        (GC.GetTotalAllocatedBytes() - before).ShouldBeLessThan(512L * 1024 * 1024);
    }

    [Fact]
    public async Task An_arg_default_bomb_is_refused_too()
    {
        using var harness = new AssemblyHarness();
        var dockerfile = "FROM scratch\nARG B0=yyyyyyyyyyyyyyyy\n"
            + string.Concat(Enumerable.Range(1, 8).Select(n => $"ARG B{n}=${{B{n - 1}}}${{B{n - 1}}}${{B{n - 1}}}${{B{n - 1}}}${{B{n - 1}}}${{B{n - 1}}}${{B{n - 1}}}${{B{n - 1}}}\n"));

        var error = await Should.ThrowAsync<UserError>(() => harness.AssembleAsync(dockerfile));

        error.Message.ShouldContain("longer than 1 Mi characters");
    }

    [Fact]
    public async Task Many_large_variables_are_refused_once_the_stage_holds_more_than_the_limit()
    {
        using var harness = new AssemblyHarness();
        // A line holds at most 64 Ki characters, so H1 (512 Ki, under the word limit) is made of 16 H0;
        // with both, the seventh ENV of H1 (line 10) brings the stage just over 4 Mi.
        var dockerfile = "FROM scratch\nARG H0=" + new string('h', 32 * 1024) + "\nARG H1=" + string.Concat(Enumerable.Repeat("$H0", 16)) + "\n"
            + string.Concat(Enumerable.Range(1, 12).Select(n => $"ENV V{n}=$H1\n"));

        var error = await Should.ThrowAsync<UserError>(() => harness.AssembleAsync(dockerfile));

        error.Message.ShouldContain("ENV and ARG values add up to more than 4 Mi characters");
        error.Line.ShouldBe(10);
    }

    [Fact]
    public async Task A_copy_source_pattern_with_an_unclosed_class_is_refused_at_its_line()
    {
        using var harness = new AssemblyHarness();
        harness.Write("abc", "x");

        var error = await Should.ThrowAsync<UserError>(() => harness.AssembleAsync("FROM scratch\nCOPY a[bc /x/\n"));

        error.Line.ShouldBe(2);
        error.Message.ShouldContain("COPY: source 'a[bc' is not a valid pattern: syntax error in pattern");
    }

    [Fact]
    public async Task A_dockerfile_that_is_a_fifo_is_refused_without_waiting()
    {
        using var harness = new AssemblyHarness();
        Directory.CreateDirectory(harness.Context);
        var path = Path.Combine(harness.Context, "Dockerfile");
        SpecialFiles.MakeFifo(path);

        (await Should.ThrowAsync<UserError>(() => AssembleAsync(harness, path))).Message.ShouldContain("FIFO");
    }

    [Fact]
    public async Task A_dockerfile_that_links_to_dev_zero_is_refused()
    {
        using var harness = new AssemblyHarness();
        Directory.CreateDirectory(harness.Context);
        var path = Path.Combine(harness.Context, "Dockerfile");
        File.CreateSymbolicLink(path, "/dev/zero");

        (await Should.ThrowAsync<UserError>(() => AssembleAsync(harness, path))).Message.ShouldContain("character device");
    }

    [Fact]
    public async Task A_dockerfile_of_100_MB_is_refused_without_reading_it()
    {
        using var harness = new AssemblyHarness();
        Directory.CreateDirectory(harness.Context);
        var path = Path.Combine(harness.Context, "Dockerfile");
        SpecialFiles.MakeSparse(path, 100L * 1000 * 1000);

        (await Should.ThrowAsync<UserError>(() => AssembleAsync(harness, path))).Message.ShouldContain("larger than 16 MiB");
    }

    private static async Task AssembleAsync(AssemblyHarness harness, string dockerfile)
    {
        var store = await OciLayoutStore.OpenAsync(harness.StorePath, CancellationToken.None);
        var request = new AssemblyRequest(dockerfile, harness.Context, "cybernode/x:latest", new Dictionary<string, string>(), new Dictionary<string, string>());
        await new InProcessAssembler(store, AssemblerOptions.Default).AssembleAsync(request, CancellationToken.None);
    }
}
