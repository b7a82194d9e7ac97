namespace Cybernode.Build.Caching;

/// <summary>Says in one line what differs between the inputs a step last ran with and those it has now.</summary>
public static class InputChanges
{
    /// <summary>How many names of each kind a reason lists before "and N more".</summary>
    public const int Shown = 3;

    public static string Describe(StepInputs previous, StepInputs current)
    {
        var parts = new List<string>();
        Add(parts, "files changed", previous.Files, current.Files);
        Add(parts, "variables changed", previous.Variables, current.Variables);
        Add(parts, "build args changed", previous.BuildArgs, current.BuildArgs);
        Add(parts, "images changed", previous.Images, current.Images);
        if (previous.Step != current.Step)
        {
            parts.Add($"the step changed: {previous.Step} -> {current.Step}");
        }

        return parts.Count == 0 ? "inputs changed" : string.Join("; ", parts);
    }

    private static void Add(List<string> parts, string title, SortedDictionary<string, string> before, SortedDictionary<string, string> now)
    {
        var changes = now.Where(e => !before.ContainsKey(e.Key)).Select(e => (e.Key, "added"))
            .Concat(before.Where(e => !now.ContainsKey(e.Key)).Select(e => (e.Key, "removed")))
            .Concat(now.Where(e => before.TryGetValue(e.Key, out var old) && old != e.Value).Select(e => (e.Key, "modified")))
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        if (changes.Count == 0)
        {
            return;
        }

        var listed = string.Join(", ", changes.Take(Shown).Select(c => $"{ReadableText.Quote(c.Key)} ({c.Item2})"));
        parts.Add(changes.Count > Shown ? $"{title}: {listed} and {changes.Count - Shown} more" : $"{title}: {listed}");
    }
}
