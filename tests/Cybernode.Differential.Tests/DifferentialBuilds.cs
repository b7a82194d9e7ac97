using System.Collections.Concurrent;
using Cybernode.Differential.Tests.Corpus;
using Cybernode.Differential.Tests.Engines;
using Cybernode.Differential.Tests.Snapshots;

namespace Cybernode.Differential.Tests;

/// <summary>
/// Builds each case once per run with every builder, the builders of a case side by side (each in a
/// folder and under a tag of its own, so they cannot meet), and keeps the outcomes for the rows that
/// compare them. Nothing is built until a test asks, so a missing tool skips (or, under CI, fails)
/// the tests that need it rather than the whole class.
/// </summary>
public sealed class DifferentialBuilds : IDisposable
{
    public static IReadOnlyList<string> ReferenceEngines { get; } = ["docker", "buildkit", "buildah"];

    // How many cases past the one a row asks for are built ahead, and how many builds run at once:
    // enough to keep two cores busy while builds wait on dockerd, few enough not to thrash them.
    private const int CasesAhead = 2;
    private const int ParallelBuilds = 6;

    private readonly SemaphoreSlim _running = new(ParallelBuilds);
    private readonly TempFolder _scratch = new("cybernode-differential-");
    private readonly Dictionary<string, IImageBuilder> _builders;
    private readonly ConcurrentDictionary<string, Lazy<Task>> _loadedBases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<BuildOutcome>>> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _contexts = new(StringComparer.Ordinal);
    private readonly Lazy<Task<OciLayoutImage>> _baseImage;

    public DifferentialBuilds()
    {
        IImageBuilder[] builders = [new CybernodeBuilder(), new DockerBuilder(buildKit: false), new DockerBuilder(buildKit: true), new BuildahBuilder()];
        _builders = builders.ToDictionary(b => b.Name, StringComparer.Ordinal);
        _baseImage = new(() => BusyboxImage.CreateAsync(_scratch.Combine("base"), BaseImage.Name, CancellationToken.None));
    }

    /// <summary>
    /// cybernode's outcome and <paramref name="engine"/>'s for one case. The first call for a case starts
    /// every builder on it, and on the next cases of the corpus too, since rows run in corpus order and
    /// the builds mostly wait on daemons and disks rather than on the CPU.
    /// </summary>
    public async Task<(BuildOutcome Cybernode, BuildOutcome Engine)> GetAsync(DifferentialCase @case, string engine)
    {
        foreach (var next in CaseCatalog.All.SkipWhile(c => c.Name != @case.Name).Skip(1).Take(CasesAhead))
        {
            StartAll(next);
        }

        var all = StartAll(@case);
        return (await all[CybernodeBuilder.BuilderName], await all[engine]);
    }

    public void Dispose()
    {
        _running.Dispose();
        _scratch.Dispose();
    }

    private Dictionary<string, Task<BuildOutcome>> StartAll(DifferentialCase @case) =>
        _builders.Keys.ToDictionary(name => name, name => OutcomeAsync(@case, name), StringComparer.Ordinal);

    private Task<BuildOutcome> OutcomeAsync(DifferentialCase @case, string builder) =>
        _outcomes.GetOrAdd($"{@case.Name}\n{builder}", _ => new(() => BuildAsync(@case, _builders[builder]))).Value;

    private async Task<BuildOutcome> BuildAsync(DifferentialCase @case, IImageBuilder builder)
    {
        // The builds run in the background on behalf of the whole run, not of the test that started them.
        var cancellationToken = CancellationToken.None;
        await _loadedBases.GetOrAdd(builder.Name, _ => new(() => LoadBaseAsync(builder))).Value;
        var context = await _contexts.GetOrAdd(@case.Name, _ => new(() => PrepareAsync(@case))).Value;
        var scratch = Directory.CreateDirectory(_scratch.Combine("builds", @case.Name, builder.Name)).FullName;
        await _running.WaitAsync(cancellationToken);
        try
        {
            return await builder.BuildAsync(@case, context, scratch, cancellationToken);
        }
        finally
        {
            _running.Release();
            Directory.Delete(scratch, recursive: true);
        }
    }

    private async Task LoadBaseAsync(IImageBuilder builder)
    {
        var baseImage = await _baseImage.Value;
        var scratch = Directory.CreateDirectory(_scratch.Combine("engines", builder.Name)).FullName;
        await builder.LoadBaseAsync(baseImage, scratch, CancellationToken.None);
    }

    private async Task<string> PrepareAsync(DifferentialCase @case)
    {
        var context = _scratch.Combine("contexts", @case.Name);
        await @case.PrepareContextAsync(context, CancellationToken.None);
        return context;
    }
}
