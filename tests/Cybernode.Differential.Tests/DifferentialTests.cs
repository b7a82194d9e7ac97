using Cybernode.Differential.Tests.Comparison;
using Cybernode.Differential.Tests.Corpus;

namespace Cybernode.Differential.Tests;

/// <summary>
/// Each case of the corpus, built by cybernode in-process and by each reference engine, must give
/// the same image: the same paths with the same type, mode, owner, size, content and link target,
/// and the same config, up to <see cref="Snapshots.Normalisation"/>.
/// </summary>
public sealed class DifferentialTests(DifferentialBuilds builds) : IClassFixture<DifferentialBuilds>
{
    public static TheoryData<string, string> Rows()
    {
        var rows = new TheoryData<string, string>();
        foreach (var @case in CaseCatalog.All)
        {
            foreach (var engine in DifferentialBuilds.ReferenceEngines)
            {
                rows.Add(@case.Name, engine);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Cybernode_builds_the_same_image_as_the_engine(string @case, string engine)
    {
        var (cybernode, reference) = await builds.GetAsync(CaseCatalog.Named(@case), engine);

        var differences = SnapshotComparer.Compare(cybernode, reference);

        new Verdict(@case, engine, differences).Enforce(line => TestContext.Current.TestOutputHelper?.WriteLine(line));
    }
}
