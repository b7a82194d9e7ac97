using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary><c>cybernode dockerfile dump|lint</c> as a user runs them, on BuildKit's conformance data.</summary>
public class DockerfileCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // A clone without ../shared still lists the conformance theories, as one row that skips.
    private const string Missing = "(../shared/conformance is missing)";

    private static string Conformance(params string[] parts) =>
        Path.Combine([RequiredTool.SharedData(Path.Combine(RepoPaths.Shared, "conformance")), "buildkit", "parser", .. parts]);

    public static TheoryData<string> ParserCases() => CaseNames("testfiles");

    public static TheoryData<string> NegativeCases() => CaseNames("testfiles-negative");

    private static TheoryData<string> CaseNames(string folder) =>
        !Directory.Exists(Path.Combine(RepoPaths.Shared, "conformance"))
            ? [Missing]
            : [.. Directory.GetDirectories(Conformance(folder)).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ParserCases))]
    public async Task Dump_prints_exactly_BuildKit_s_parse(string name)
    {
        var result = await CybernodeCli.RunAsync(["dockerfile", "dump", Conformance("testfiles", name, "Dockerfile")], Token);

        result.ExitCode.ShouldBe(0, result.StandardError);
        result.StandardOutput.ShouldBe(await File.ReadAllTextAsync(Conformance("testfiles", name, "result"), Token));
    }

    [Theory]
    [MemberData(nameof(NegativeCases))]
    public async Task Dump_refuses_a_file_BuildKit_refuses_naming_file_and_line(string name)
    {
        var file = Conformance("testfiles-negative", name, "Dockerfile");

        var result = await CybernodeCli.RunAsync(["dockerfile", "dump", file], Token);

        result.ShouldFailCleanly(1, file + ":");
    }

    [Fact]
    public async Task Lint_warns_under_check_names_and_fails_only_when_strict()
    {
        using var folder = new TempFolder();
        var file = folder.Combine("Dockerfile");
        await File.WriteAllTextAsync(file, "FROM scratch as base\nMAINTAINER someone\nCMD run --fast\n", Token);

        var lenient = await CybernodeCli.RunAsync(["dockerfile", "lint", file], Token);
        var strict = await CybernodeCli.RunAsync(["dockerfile", "lint", file, "--strict"], Token);

        lenient.ExitCode.ShouldBe(0, lenient.StandardError);
        lenient.StandardOutput.ShouldContain($"{file}:1: [FromAsCasing]");
        lenient.StandardOutput.ShouldContain($"{file}:2: [MaintainerDeprecated]");
        lenient.StandardOutput.ShouldContain($"{file}:3: [JSONArgsRecommended]");
        strict.ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task A_syntax_error_shows_file_line_column_and_the_line()
    {
        using var folder = new TempFolder();
        var file = folder.Combine("Dockerfile");
        await File.WriteAllTextAsync(file, "FROM scratch\nONBUILD ONBUILD RUN x\n", Token);

        var result = await CybernodeCli.RunAsync(["dockerfile", "dump", file], Token);

        result.ShouldFailCleanly(1, $"{file}:2:", "ONBUILD ONBUILD RUN x");
    }

    [Fact]
    public async Task Lint_of_a_folder_reads_each_of_its_Dockerfiles_with_BuildKit_s_variable_checks_and_says_which_are_clean()
    {
        using var folder = new TempFolder();
        var run = folder.Combine("Dockerfile");
        var build = folder.Combine("Dockerfile-build");
        await File.WriteAllTextAsync(run, "FROM scratch\nENV PATH $PATH:/x\nARG DB_PASSWORD\nCOPY $SRC /app\nCMD cp -v /out/* /build\n", Token);
        await File.WriteAllTextAsync(build, "FROM scratch\nCOPY . /src\nCMD [\"/src/build\"]\n", Token);
        await File.WriteAllTextAsync(folder.Combine("notes.txt"), "FROM nothing at all", Token);

        var text = await CybernodeCli.RunAsync(["dockerfile", "lint", folder.Path], Token);
        var json = await CybernodeCli.JsonAsync(["dockerfile", "lint", folder.Path, "--json"], Token);

        text.ExitCode.ShouldBe(0, text.ToString());
        text.StandardOutput.ShouldBe(
            $"{run}:2: [LegacyKeyValueFormat] \"ENV key=value\" should be used instead of legacy \"ENV key value\" format\n"
            + $"{run}:3: [SecretsUsedInArgOrEnv] Do not use ARG or ENV instructions for sensitive data (ARG \"DB_PASSWORD\")\n"
            + $"{run}:4: [UndefinedVar] Usage of undefined variable '$SRC'\n"
            + $"{build}: no problems found\n");
        json.GetProperty("warnings").EnumerateArray().Select(w => $"{w.GetProperty("file").GetString()}:{w.GetProperty("check").GetString()}")
            .ShouldBe([$"{run}:LegacyKeyValueFormat", $"{run}:SecretsUsedInArgOrEnv", $"{run}:UndefinedVar"]);
    }

    [Fact]
    public async Task Lint_of_a_folder_without_a_Dockerfile_names_the_files_it_looks_for()
    {
        using var folder = new TempFolder();

        var result = await CybernodeCli.RunAsync(["dockerfile", "lint", folder.Path], Token);

        result.ShouldFailCleanly(1, $"{folder.Path}: no Dockerfile in this folder", "Dockerfile-build");
    }
}
