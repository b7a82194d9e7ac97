using System.Diagnostics;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Transports;
using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Engines;

/// <summary>
/// What every provider must do against its real engine: the two-phase build of an example service,
/// a failing build run, a cancelled build run, image checks and archives. Each engine runs these
/// with its own example service.
/// </summary>
public abstract class EngineContractTests(EngineFixture engine, string service, string expectedLine) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly TempFolder _work = new();
    private readonly CancellationTokenSource _timeout = CreateTimeout();

    private IContainerProvider Provider => engine.Provider;

    private CancellationToken Token => _timeout.Token;

    [Fact]
    public async Task Probe_finds_the_engine_usable_with_a_version()
    {
        engine.Require();
        var status = await Provider.ProbeAsync(Token);
        status.Usable.ShouldBeTrue(status.Reason);
        status.Version.ShouldNotBeNullOrWhiteSpace();
        status.Name.ShouldBe(Provider.Name);
    }

    [Fact]
    public async Task Build_image_run_copies_the_binaries_to_the_output_folder_and_the_run_image_prints_its_line()
    {
        engine.Require();
        var folder = Examples.CopyService(service, _work.Path);
        var buildImage = $"cybernode/build-{service}:latest";
        var runImage = $"cybernode/{service}:latest";
        var output = Path.Combine(folder, "bin");

        await Provider.BuildImageAsync(new BuildImageRequest(folder, Path.Combine(folder, "Dockerfile-build"), buildImage), new Lines(), Token);
        (await Provider.ImageIdAsync(buildImage, Token)).ShouldNotBeNull();
        var runLines = new Lines();
        await Provider.RunBuildAsync(new RunBuildRequest(service, buildImage, output), runLines, Token);

        var binary = Path.Combine(output, service);
        File.Exists(binary).ShouldBeTrue($"the build run printed:\n{string.Join('\n', runLines.All)}");
        (await RunOnHostAsync(binary)).ShouldBe(expectedLine);

        await Provider.BuildImageAsync(new BuildImageRequest(folder, Path.Combine(folder, "Dockerfile"), runImage), new Lines(), Token);
        var printed = new Lines();
        await Provider.RunBuildAsync(new RunBuildRequest(service, runImage, _work.Combine("unused")), printed, Token);
        printed.All.ShouldContain(expectedLine);
        (await engine.ContainerNamesAsync()).ShouldNotContain(n => n.StartsWith($"cybernode-build-{service}-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_build_run_whose_command_fails_reports_the_exit_code_and_the_last_lines()
    {
        engine.Require();
        var image = await BuildTestImageAsync("failing", "CMD echo copying; echo 'no such binary: /out/app' >&2; exit 3");

        var request = new RunBuildRequest("failing", image, _work.Combine("bin"));

        var failure = await Should.ThrowAsync<EngineCommandFailedException>(() => Provider.RunBuildAsync(request, new Lines(), Token));

        failure.ExitCode.ShouldBe(3);
        failure.LastLines.ShouldContain("no such binary: /out/app");
        failure.Message.ShouldContain("exit code 3");
        (await engine.ContainerNamesAsync()).ShouldNotContain(request.ContainerName);
    }

    [Fact]
    public async Task A_failing_build_image_step_reports_the_exit_code_and_the_step_output()
    {
        engine.Require();
        var failure = await Should.ThrowAsync<EngineCommandFailedException>(
            () => BuildTestImageAsync("badstep", "RUN echo compiling; echo 'error: main.c: missing' >&2; exit 2"));

        failure.ExitCode.ShouldNotBe(0);
        failure.LastLines.ShouldContain(l => l.Contains("error: main.c: missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_a_build_run_stops_and_removes_its_container()
    {
        engine.Require();
        // A shell as PID 1 ignores SIGTERM, and the marker in its arguments finds it on the host if it outlives the run.
        var marker = $"cybernode-sleeper-{Guid.NewGuid():N}";
        var image = await BuildTestImageAsync("sleeper", $"CMD [\"/bin/sh\", \"-c\", \"echo started; sleep 120; echo done\", \"{marker}\"]");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var lines = new Lines(line =>
        {
            if (line == "started")
            {
                cancel.Cancel();
            }
        });
        var request = new RunBuildRequest("sleeper", image, _work.Combine("bin"));
        var clock = Stopwatch.StartNew();

        await Should.ThrowAsync<OperationCanceledException>(() => Provider.RunBuildAsync(request, lines, cancel.Token));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
        (await engine.ContainerNamesAsync()).ShouldNotContain(request.ContainerName);
        ProcessesWithArgument(marker).ShouldBeEmpty();
    }

    [Fact]
    public async Task Image_exists_knows_the_loaded_base_and_not_an_unknown_name()
    {
        engine.Require();
        (await Provider.ImageIdAsync(BusyboxBase.Name, Token)).ShouldNotBeNull();
        (await Provider.ImageIdAsync("cybernode/never-built:latest", Token)).ShouldBeNull();
    }

    [Fact]
    public async Task A_saved_image_loads_back_under_its_name()
    {
        engine.Require();
        var image = await BuildTestImageAsync("roundtrip", "CMD echo round trip");
        var archive = _work.Combine("roundtrip.tar");

        await Provider.SaveImageAsync(image, archive, Provider.PreferredArchiveFormat, new Lines(), Token);
        await Provider.LoadImageAsync(archive, Provider.PreferredArchiveFormat, new Lines(), Token);

        new FileInfo(archive).Length.ShouldBeGreaterThan(1024);
        (await Provider.ImageIdAsync(image, Token)).ShouldNotBeNull();
    }

    [Fact]
    public async Task An_image_the_engine_saved_imports_into_the_store_and_loads_back_under_a_new_name()
    {
        engine.Require();
        var image = await BuildTestImageAsync("tostore", "CMD echo from the store");
        var saved = _work.Combine("saved.tar");
        await Provider.SaveImageAsync(image, saved, Provider.PreferredArchiveFormat, new Lines(), Token);
        var store = await OciLayoutStore.OpenAsync(_work.Combine("store"), Token);

        var kind = Provider.PreferredArchiveFormat.Transport();
        var imported = await ImageTransport.ImportAsync(new TransportReference(kind, saved, null), store, null, Token);
        var read = await ImageReader.ReadAsync(store, imported.Manifest, Platform.LinuxAmd64, Token);
        var renamed = $"cybernode-test/reimported-{Provider.Name}:latest";
        var archive = _work.Combine("reimported.tar");
        await ImageTransport.ExportAsync(store, new TaggedImage(imported.Name, imported.Manifest), new TransportReference(kind, archive, renamed), Token);
        await Provider.LoadImageAsync(archive, Provider.PreferredArchiveFormat, new Lines(), Token);

        imported.Name.ShouldEndWith(image.Split('/', 2)[1]);
        read.Config.Config!.Cmd.ShouldBe(["/bin/sh", "-c", "echo from the store"]);
        read.Manifest.Layers.Count.ShouldBe(read.Config.RootFs.DiffIds.Count);
        (await Provider.ImageIdAsync(renamed, Token)).ShouldBe(read.Manifest.Config.Digest, "an engine's image id is the config digest, which lets cybernode skip loading an unchanged image");
    }

    public void Dispose()
    {
        _timeout.Dispose();
        _work.Dispose();
        GC.SuppressFinalize(this);
    }

    private static CancellationTokenSource CreateTimeout()
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(Timeout);
        return source;
    }

    private static List<int> ProcessesWithArgument(string argument) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Where(pid => ReadCommandLine(pid!).Contains(argument, StringComparison.Ordinal))
            .Select(pid => int.Parse(pid!, System.Globalization.CultureInfo.InvariantCulture))];

    private static string ReadCommandLine(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Runs a built program on the host, with HOME in the test's folder so nothing lands in the real one.</summary>
    private async Task<string> RunOnHostAsync(string program)
    {
        var start = new ProcessStartInfo("/bin/sh", [program]) { RedirectStandardOutput = true };
        start.Environment["HOME"] = _work.Path;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim();
    }

    /// <summary>A one-off image FROM the busybox base whose Dockerfile ends with <paramref name="lastLine"/>.</summary>
    private async Task<string> BuildTestImageAsync(string name, string lastLine)
    {
        var folder = _work.Combine(name);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "Dockerfile"), $"FROM {BusyboxBase.Name}\n{lastLine}\n", Token);
        var image = $"cybernode-test/{name}-{Provider.Name}:latest";
        await Provider.BuildImageAsync(new BuildImageRequest(folder, Path.Combine(folder, "Dockerfile"), image), new Lines(), Token);
        return image;
    }
}
