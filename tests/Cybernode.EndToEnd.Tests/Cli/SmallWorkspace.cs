using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// A small workspace written by a test, and a store that already holds an image built from another
/// workspace, so a refused command can be shown to leave a real store exactly as it was.
/// </summary>
public sealed class SmallWorkspace : IDisposable
{
    public const string SeedImage = "cybernode/base-seed";

    // Big enough that a layer written before the failing line would show in the store.
    private const int BigFileSize = 256 * 1024;

    private readonly TempFolder _directory = new("cybernode-small-");

    public SmallWorkspace()
    {
        Directory.CreateDirectory(Root);
    }

    public string Root => _directory.Combine("ws");

    public string Store => _directory.Combine("store");

    /// <summary>A file beside the workspace, e.g. an archive to import.</summary>
    public string Outside(string name) => _directory.Combine(name);

    /// <summary>Writes FOLDER/Dockerfile plus big.bin and the named small files; returns the Dockerfile's full path.</summary>
    public string AddService(string folder, string dockerfile, params string[] files) =>
        WriteService(Root, folder, dockerfile, files);

    /// <summary>Builds an image (<see cref="SeedImage"/>) from a workspace beside this one into <see cref="Store"/>.</summary>
    public async Task SeedStoreAsync(CancellationToken cancellationToken)
    {
        var seed = _directory.Combine("seed");
        WriteService(seed, "base/seed", "FROM scratch\nCOPY big.bin /data/\n", []);
        await CybernodeCli.BuildAsync(seed, Store, cancellationToken);
    }

    /// <summary>Runs the CLI and checks that the store's files are the same after it as before.</summary>
    public async Task<ProcessResult> RunLeavingStoreUnchangedAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var before = StoreSnapshot.Take(Store);

        var result = await CybernodeCli.RunAsync(arguments, cancellationToken);

        StoreSnapshot.Take(Store).ShouldBe(before, $"the store changed under {result.CommandLine}\n{result.StandardError}");
        return result;
    }

    /// <summary>`build WORKSPACE --store STORE ARGS`, which must leave the store as it was.</summary>
    public Task<ProcessResult> FailingBuildAsync(CancellationToken cancellationToken, params string[] arguments) =>
        RunLeavingStoreUnchangedAsync(["build", Root, "--store", Store, .. arguments], cancellationToken);

    public void Dispose() => _directory.Dispose();

    private static string WriteService(string workspace, string folder, string dockerfile, string[] files)
    {
        var service = Path.Combine(workspace, folder);
        Directory.CreateDirectory(service);
        var data = new byte[BigFileSize];
        new Random(42).NextBytes(data);
        File.WriteAllBytes(Path.Combine(service, "big.bin"), data);
        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(service, file), $"{file}\n");
        }

        var path = Path.Combine(service, "Dockerfile");
        File.WriteAllText(path, dockerfile);
        return path;
    }
}
