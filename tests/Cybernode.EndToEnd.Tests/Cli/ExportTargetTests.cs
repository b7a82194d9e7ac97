using System.Security.Cryptography;
using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// export -o: a regular file is replaced only once complete; a device, a FIFO or '-' is written as a
/// stream and stays what it is; a folder is refused for an archive, and for oci unless it is new,
/// empty or a layout.
/// </summary>
public sealed class ExportTargetTests : IDisposable
{
    private readonly SmallWorkspace _workspace = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Export_to_dev_full_reports_a_full_device_and_leaves_the_device_in_place()
    {
        await _workspace.SeedStoreAsync(Token);

        var result = await CybernodeCli.RunAsync(["export", SmallWorkspace.SeedImage, "-o", "/dev/full", "--store", _workspace.Store], Token);

        result.ShouldFailCleanly(1, "/dev/full: no space left on device", "hint:");
        (await ExternalTool("stat", "-c", "%F", "/dev/full")).Trim().ShouldBe("character special file");
    }

    [Theory]
    [InlineData("oci-archive")]
    [InlineData("docker-archive")]
    public async Task Export_to_standard_output_and_to_a_FIFO_writes_the_bytes_of_a_file_export(string format)
    {
        await _workspace.SeedStoreAsync(Token);
        var file = _workspace.Outside("image.tar");
        (await CybernodeCli.RunAsync(["export", SmallWorkspace.SeedImage, "-o", file, "--format", format, "--store", _workspace.Store], Token)).EnsureSuccess();
        var fifo = _workspace.Outside("image.fifo");
        await ExternalTool("mkfifo", fifo);
        var stdout = _workspace.Outside("stdout.tar");

        var reader = Task.Run(() => File.ReadAllBytesAsync(fifo, Token), Token);
        var toFifo = await CybernodeCli.RunAsync(["export", SmallWorkspace.SeedImage, "-o", fifo, "--format", format, "--store", _workspace.Store], Token);
        var (program, arguments) = CybernodeCli.Command(["export", SmallWorkspace.SeedImage, "-o", "-", "--format", format, "--store", _workspace.Store]);
        var toStdout = await ProcessRunner.RunAsync("sh", ["-c", $"exec \"$@\" > '{stdout}'", "sh", program, .. arguments], cancellationToken: Token);

        toFifo.EnsureSuccess();
        toStdout.EnsureSuccess();
        toStdout.StandardError.ShouldContain("exported");
        Hash(await reader.WaitAsync(TimeSpan.FromSeconds(30), Token)).ShouldBe(Hash(await File.ReadAllBytesAsync(file, Token)));
        Hash(await File.ReadAllBytesAsync(stdout, Token)).ShouldBe(Hash(await File.ReadAllBytesAsync(file, Token)));
        (await ExternalTool("stat", "-c", "%F", fifo)).Trim().ShouldBe("fifo");
    }

    [Fact]
    public async Task Export_to_a_location_in_skopeo_form_writes_that_format_under_the_name_it_gives()
    {
        await _workspace.SeedStoreAsync(Token);
        var archive = _workspace.Outside("named.tar");

        var result = await CybernodeCli.RunAsync(["export", SmallWorkspace.SeedImage, "-o", $"oci-archive:{archive}:cybernode/renamed:7", "--store", _workspace.Store], Token);

        result.EnsureSuccess();
        result.StandardError.ShouldContain("podman load -i");
        (await Skopeo.ManifestAsync($"oci-archive:{archive}:cybernode/renamed:7", Token)).ShouldContain("layers");
    }

    [Theory]
    [InlineData("oci-archive:{0}", "--format", "docker-archive", "names the oci-archive format, but --format says docker-archive")]
    [InlineData("oci-archive:{0}:", null, null, "empty or blank reference")]
    public async Task Export_to_a_location_that_contradicts_itself_is_a_usage_error_that_writes_nothing(string output, string? option, string? value, string message)
    {
        var archive = _workspace.Outside("never.tar");
        string[] extra = option is null ? [] : [option, value!];

        var result = await CybernodeCli.RunAsync(["export", SmallWorkspace.SeedImage, "-o", string.Format(System.Globalization.CultureInfo.InvariantCulture, output, archive), .. extra, "--store", _workspace.Store], Token);

        result.ShouldFailCleanly(2, message);
        File.Exists(archive).ShouldBeFalse();
    }

    [Fact]
    public async Task Export_through_a_link_replaces_the_file_it_leads_to_and_keeps_the_link()
    {
        await _workspace.SeedStoreAsync(Token);
        var target = _workspace.Outside("real.tar");
        await File.WriteAllTextAsync(target, "old", Token);
        var link = _workspace.Outside("link.tar");
        File.CreateSymbolicLink(link, target);

        (await CybernodeCli.RunAsync(["export", SmallWorkspace.SeedImage, "-o", link, "--store", _workspace.Store], Token)).EnsureSuccess();

        new FileInfo(link).LinkTarget.ShouldBe(target);
        new FileInfo(target).Length.ShouldBeGreaterThan(256 * 1024);
    }

    [Theory]
    [InlineData("oci-archive")]
    [InlineData("docker-archive")]
    public async Task Export_of_an_archive_to_a_folder_is_refused_in_one_line(string format)
    {
        await _workspace.SeedStoreAsync(Token);
        var folder = _workspace.Outside("folder");
        Directory.CreateDirectory(folder);

        var result = await _workspace.RunLeavingStoreUnchangedAsync(["export", SmallWorkspace.SeedImage, "-o", folder, "--format", format, "--store", _workspace.Store], Token);

        result.ShouldFailCleanly(1, $"{folder} is a folder", "hint:");
        Directory.EnumerateFileSystemEntries(folder).ShouldBeEmpty();
    }

    [Fact]
    public async Task Export_as_oci_into_a_folder_of_other_files_is_refused_and_into_an_empty_one_works()
    {
        await _workspace.SeedStoreAsync(Token);
        var busy = _workspace.Outside("busy");
        Directory.CreateDirectory(busy);
        await File.WriteAllTextAsync(Path.Combine(busy, "notes.txt"), "mine", Token);
        var empty = _workspace.Outside("empty");
        Directory.CreateDirectory(empty);

        var refused = await CybernodeCli.RunAsync(["export", SmallWorkspace.SeedImage, "-o", busy, "--format", "oci", "--store", _workspace.Store], Token);
        var written = await CybernodeCli.RunAsync(["export", SmallWorkspace.SeedImage, "-o", empty, "--format", "oci", "--store", _workspace.Store], Token);

        refused.ShouldFailCleanly(1, $"{busy} is a folder holding other files and no OCI image layout");
        Directory.EnumerateFileSystemEntries(busy).Select(Path.GetFileName).ShouldBe(["notes.txt"]);
        written.EnsureSuccess();
        (await Skopeo.ManifestAsync($"oci:{empty}:{SmallWorkspace.SeedImage}:latest", Token)).ShouldContain("layers");
    }

    [Fact]
    public async Task Export_to_standard_output_with_json_is_a_wrong_command_line()
    {
        await _workspace.SeedStoreAsync(Token);

        var result = await CybernodeCli.RunAsync(["export", SmallWorkspace.SeedImage, "-o", "-", "--json", "--store", _workspace.Store], Token);

        result.ShouldFailCleanly(2, "-o -");
        result.StandardOutput.ShouldBeEmpty();
    }

    [Fact]
    public async Task Export_of_an_image_named_by_digest_only_as_a_docker_archive_loads_in_podman()
    {
        await _workspace.SeedStoreAsync(Token);
        var archive = _workspace.Outside("seed.tar");
        (await CybernodeCli.RunAsync(["export", SmallWorkspace.SeedImage, "-o", archive, "--format", "oci-archive", "--store", _workspace.Store], Token)).EnsureSuccess();
        var digest = (await CybernodeCli.JsonAsync(["inspect", SmallWorkspace.SeedImage, "--json", "--store", _workspace.Store], Token)).GetProperty("digest").GetString();
        (await CybernodeCli.RunAsync(["import", $"oci-archive:{archive}", $"cybernode/pinned@{digest}", "--store", _workspace.Store], Token)).EnsureSuccess();
        var docker = _workspace.Outside("pinned.tar");

        var result = await CybernodeCli.RunAsync(["export", $"cybernode/pinned@{digest}", "-o", docker, "--format", "docker-archive", "--store", _workspace.Store], Token);

        result.EnsureSuccess();
        await using var podman = await PodmanSandbox.CreateAsync(Token);
        (await podman.PodmanAsync(["load", "-i", docker], cancellationToken: Token)).EnsureSuccess();
    }

    [Fact]
    public async Task Import_under_a_name_pinning_another_digest_is_refused_and_leaves_the_store_unchanged()
    {
        await _workspace.SeedStoreAsync(Token);
        var archive = _workspace.Outside("seed.tar");
        (await CybernodeCli.RunAsync(["export", SmallWorkspace.SeedImage, "-o", archive, "--format", "oci-archive", "--store", _workspace.Store], Token)).EnsureSuccess();
        var wrong = "sha256:" + new string('1', 64);

        var result = await _workspace.RunLeavingStoreUnchangedAsync(["import", $"oci-archive:{archive}", $"cybernode/x@{wrong}", "--store", _workspace.Store], Token);

        result.ShouldFailCleanly(1, $"names digest {wrong}");
    }

    [Theory]
    [InlineData("images")]
    [InlineData("inspect", SmallWorkspace.SeedImage)]
    [InlineData("export", SmallWorkspace.SeedImage, "-o", "out.tar")]
    [InlineData("import", "oci-archive:nothing.tar")]
    [InlineData("build")]
    [InlineData("store", "verify")]
    [InlineData("store", "gc")]
    public async Task A_store_option_naming_a_file_is_refused_in_one_line(params string[] command)
    {
        _workspace.AddService("app", "FROM scratch\nCOPY big.bin /\n");
        var file = _workspace.Outside("store-file");
        await File.WriteAllTextAsync(file, "not a store", Token);
        string[] arguments = command[0] == "build" ? [.. command, _workspace.Root] : command;

        var result = await CybernodeCli.RunAsync([.. arguments, "--store", file], Token);

        result.ShouldFailCleanly(1, $"{file} is a regular file, not an image store folder");
        (await File.ReadAllTextAsync(file, Token)).ShouldBe("not a store");
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task<string> ExternalTool(string tool, params string[] arguments) =>
        (await ProcessRunner.RunAsync(tool, arguments, cancellationToken: Token)).EnsureSuccess().StandardOutput;

    [Theory]
    [InlineData("oci-archive", "seed.tar", "podman load -i {0}")]
    [InlineData("oci", "layout", "podman pull oci:{0}:cybernode/base-seed:latest (or skopeo copy oci:{0}:cybernode/base-seed:latest docker-daemon:cybernode/base-seed:latest)")]
    public async Task Export_names_the_command_that_loads_the_format_it_wrote(string format, string name, string load)
    {
        await _workspace.SeedStoreAsync(Token);
        var output = _workspace.Outside(name);

        var json = await CybernodeCli.JsonAsync(["export", SmallWorkspace.SeedImage, "-o", output, "--format", format, "--json", "--store", _workspace.Store], Token);

        json.GetProperty("load").GetString().ShouldBe(string.Format(System.Globalization.CultureInfo.InvariantCulture, load, output));
    }
}
