using Cybernode.Differential.Tests.Snapshots;

namespace Cybernode.Differential.Tests.Comparison;

/// <summary>Lists every difference between cybernode's outcome and an engine's: the build result, each path, each config field.</summary>
public static class SnapshotComparer
{
    public static IReadOnlyList<Difference> Compare(BuildOutcome cybernode, BuildOutcome engine)
    {
        if (cybernode.Image is null || engine.Image is null)
        {
            // Refusing what the engine also refuses is agreement; the messages differ by nature.
            return cybernode.Succeeded == engine.Succeeded
                ? []
                : [new Difference(Difference.BuildKey, cybernode.Error ?? "built", engine.Error ?? "built")];
        }

        return [.. ComparePaths(cybernode.Image, engine.Image), .. CompareConfig(cybernode.Image, engine.Image)];
    }

    private static IEnumerable<Difference> ComparePaths(ImageSnapshot cybernode, ImageSnapshot engine) =>
        cybernode.Paths.Keys.Union(engine.Paths.Keys)
            .Order(StringComparer.Ordinal)
            .Select(path => new Difference(path, cybernode.Paths.GetValueOrDefault(path), engine.Paths.GetValueOrDefault(path)))
            .Where(d => d.Cybernode != d.Engine);

    private static IEnumerable<Difference> CompareConfig(ImageSnapshot cybernode, ImageSnapshot engine)
    {
        foreach (var field in Normalisation.ComparedFields)
        {
            var ours = cybernode.Config.GetValueOrDefault(field);
            var theirs = engine.Config.GetValueOrDefault(field);
            if (field == "Env")
            {
                (ours, theirs) = Normalisation.DropDefaultPath(ours, theirs);
            }

            if (ours != theirs)
            {
                yield return new Difference(Difference.ConfigPrefix + field, ours, theirs);
            }
        }
    }
}
