using System.Text.Json;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// `cybernode build` refuses bad input with exit 1 and one clear message naming the file and line,
/// never a stack trace, and leaves the store exactly as it was.
/// </summary>
public sealed class BadBuildInputTests : IDisposable
{
    private readonly SmallWorkspace _workspace = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task A_service_name_with_no_dockerfile_behind_it_is_refused_with_the_services_there_are()
    {
        await _workspace.SeedStoreAsync(Token);
        _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\n");

        var named = await _workspace.FailingBuildAsync(Token, "nosuch");
        var group = await _workspace.FailingBuildAsync(Token, "svc");

        named.ShouldFailCleanly(1, "no service 'nosuch'", "svc-app");
        group.ShouldFailCleanly(1, "no service 'svc'", "svc-app");
    }

    [Fact]
    public async Task An_empty_dockerfile_is_refused_at_its_first_line()
    {
        await _workspace.SeedStoreAsync(Token);
        var dockerfile = _workspace.AddService("svc/app", "");

        var result = await _workspace.FailingBuildAsync(Token);

        result.ShouldFailCleanly(1, $"{dockerfile}:1:", "no instructions");
    }

    [Fact]
    public async Task An_unknown_instruction_is_refused_at_its_line()
    {
        await _workspace.SeedStoreAsync(Token);
        var dockerfile = _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\nFROBNICATE x\n");

        var result = await _workspace.FailingBuildAsync(Token);

        result.ShouldFailCleanly(1, $"{dockerfile}:3:", "unknown instruction: FROBNICATE");
    }

    [Theory]
    [InlineData("COPY ../x.txt /x", "outside the build context")]
    [InlineData("COPY /etc/passwd /x", "absolute path")]
    [InlineData("COPY link /x", "symbolic link to /etc/passwd")]
    [InlineData("COPY *.nothing /x/", "no file in the build context matches '*.nothing'")]
    public async Task A_copy_source_outside_the_service_folder_or_matching_nothing_is_refused_at_its_line(string copy, string message)
    {
        await _workspace.SeedStoreAsync(Token);
        var dockerfile = _workspace.AddService("svc/app", $"FROM scratch\nCOPY big.bin /data/\n{copy}\n");
        var service = Path.GetDirectoryName(dockerfile)!;
        File.WriteAllText(Path.Combine(service, "..", "x.txt"), "beside the service folder\n");
        File.CreateSymbolicLink(Path.Combine(service, "link"), "/etc/passwd");

        var result = await _workspace.FailingBuildAsync(Token);

        result.ShouldFailCleanly(1, $"{dockerfile}:3:", message);
    }

    [Fact]
    public async Task From_an_image_that_is_not_in_the_store_is_refused_with_how_to_bring_it_in()
    {
        await _workspace.SeedStoreAsync(Token);
        var dockerfile = _workspace.AddService(
            "svc/app", $"FROM {SmallWorkspace.SeedImage}\nCOPY big.bin /data/\nFROM cybernode/not-there\nCOPY big.bin /data/\n");

        var result = await _workspace.FailingBuildAsync(Token, "--pull", "never");

        result.ShouldFailCleanly(1, $"{dockerfile}:3:", "base image 'cybernode/not-there:latest' is not in the store", "cybernode import");
    }

    [Fact]
    public async Task Services_that_start_from_each_other_are_refused_naming_both_and_a_dockerfile_line()
    {
        await _workspace.SeedStoreAsync(Token);
        var one = _workspace.AddService("ring/one", "FROM cybernode/ring-two\nCOPY big.bin /data/\n");
        var two = _workspace.AddService("ring/two", "FROM scratch\nCOPY big.bin /data/\nFROM cybernode/ring-one\n");

        var result = await _workspace.FailingBuildAsync(Token);

        result.ShouldFailCleanly(1, "cycle", "ring-one", "ring-two");
        result.StandardError.ShouldMatch($"({Regex(one)}:1:|{Regex(two)}:3:)");
    }

    [Fact]
    public async Task A_run_line_is_refused_with_the_flag_that_builds_it_on_an_engine()
    {
        await _workspace.SeedStoreAsync(Token);
        var dockerfile = _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\nRUN echo hello\n");

        var result = await _workspace.FailingBuildAsync(Token);

        result.ShouldFailCleanly(1, $"{dockerfile}:3:", "RUN", "add --assembler engine");
    }

    [Fact]
    public async Task An_unknown_key_in_cybernode_yaml_is_refused_at_its_line_with_the_known_keys()
    {
        await _workspace.SeedStoreAsync(Token);
        _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\n");
        var settings = Path.Combine(_workspace.Root, "cybernode.yaml");
        File.WriteAllText(settings, "namespace: demo\nnamespcae: typo\n");

        var result = await _workspace.FailingBuildAsync(Token);

        result.ShouldFailCleanly(1, $"{settings}:2:", "namespcae", "namespace");
    }

    [Fact]
    public async Task With_json_a_refused_line_is_reported_in_the_failed_service_error_field()
    {
        await _workspace.SeedStoreAsync(Token);
        var dockerfile = _workspace.AddService("svc/app", "FROM scratch\nCOPY big.bin /data/\nCOPY ../x.txt /x\n");

        var result = await _workspace.FailingBuildAsync(Token, "--json");

        result.ShouldFailCleanly(1);
        using var output = JsonDocument.Parse(result.StandardOutput);
        var service = output.RootElement.GetProperty("services").EnumerateArray().Single();
        service.GetProperty("name").GetString().ShouldBe("svc-app");
        service.GetProperty("status").GetString().ShouldBe("failed");
        service.GetProperty("error").GetString().ShouldStartWith($"{dockerfile}:3: COPY: source '../x.txt' is outside the build context");
    }

    [Fact]
    public async Task With_json_a_build_that_cannot_start_still_prints_a_document_with_the_error()
    {
        await _workspace.SeedStoreAsync(Token);
        var dockerfile = _workspace.AddService("svc/app", "");

        var result = await _workspace.FailingBuildAsync(Token, "--json");

        result.ShouldFailCleanly(1, $"{dockerfile}:1:");
        using var output = JsonDocument.Parse(result.StandardOutput);
        output.RootElement.GetProperty("error").GetString()!.ShouldStartWith($"{dockerfile}:1:");
        output.RootElement.GetProperty("services").GetArrayLength().ShouldBe(0);
    }

    private static string Regex(string path) => System.Text.RegularExpressions.Regex.Escape(path);
}
