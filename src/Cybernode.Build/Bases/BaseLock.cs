using System.Text;
using Cybernode.Oci.Model;
using Cybernode.Oci.Registry;

namespace Cybernode.Build.Bases;

/// <summary>
/// The content of cybernode.lock: for each remote base reference and platform, the manifest digest
/// it resolved to. One line per base, <c>REFERENCE PLATFORM DIGEST</c>, sorted, under a header that
/// says where it comes from, so that it diffs and merges like any source file.
/// </summary>
public sealed class BaseLock
{
    public const string FileName = "cybernode.lock";

    private const string Header =
        "# cybernode.lock: the digest each remote base image resolved to, one line per reference and platform.\n"
        + "# Written by cybernode build; refresh with `cybernode update [REF...]`. Commit it; do not edit it by hand.\n";

    private readonly SortedDictionary<string, LockedBase> _entries;

    private BaseLock(SortedDictionary<string, LockedBase> entries) => _entries = entries;

    public static BaseLock Empty { get; } = new(new(StringComparer.Ordinal));

    public IEnumerable<LockedBase> Entries => _entries.Values;

    /// <summary>The lock's text; <paramref name="path"/> names the file in the error a malformed line gives.</summary>
    /// <exception cref="UserError">a line is not a base: <c>cybernode.lock:LINE</c> and what is wrong.</exception>
    public static BaseLock Parse(string text, string path)
    {
        var entries = new SortedDictionary<string, LockedBase>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var entry = ParseLine(line) is { } parsed ? parsed : throw Malformed(path, number, line, "expected REFERENCE PLATFORM DIGEST, e.g. 'debian:12 linux/amd64 sha256:...'");
            if (!entries.TryAdd(SortKey(entry.Key), entry))
            {
                throw Malformed(path, number, line, $"{entry.Key} is locked twice");
            }
        }

        return new BaseLock(entries);
    }

    public LockedBase? Find(BaseKey key) => _entries.GetValueOrDefault(SortKey(key));

    /// <summary>This lock with <paramref name="changes"/> in place of the lines of the same base and platform.</summary>
    public BaseLock With(IEnumerable<LockedBase> changes)
    {
        var entries = new SortedDictionary<string, LockedBase>(_entries, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            entries[SortKey(change.Key)] = change;
        }

        return new BaseLock(entries);
    }

    /// <summary>This lock without the lines <paramref name="keep"/> refuses.</summary>
    public BaseLock Where(Func<LockedBase, bool> keep) =>
        new(new SortedDictionary<string, LockedBase>(_entries.Where(e => keep(e.Value)).ToDictionary(), StringComparer.Ordinal));

    public string Format()
    {
        var text = new StringBuilder(Header);
        foreach (var entry in _entries.Values)
        {
            text.Append(entry).Append('\n');
        }

        return text.ToString();
    }

    private static LockedBase? ParseLine(string line)
    {
        var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 3
            && ImageReference.TryParse(fields[0], out var reference, out _) && reference.Digest is null && reference.FamiliarName == fields[0]
            && ParsePlatform(fields[1]) is { } platform && platform.ToString() == fields[1]
            && Digest.TryParse(fields[2], out var digest)
                ? new LockedBase(fields[0], platform, digest)
                : null;
    }

    private static Platform? ParsePlatform(string text) => Platform.TryParse(text, out var platform) ? platform : null;

    private static UserError Malformed(string path, int line, string text, string problem) =>
        new($"not a locked base: {problem}", path, line, $"fix or delete the line; or delete {FileName} and build (or run `cybernode update`) to write it again")
        {
            Excerpt = text,
        };

    // Sorted by reference, then platform, as the lines appear.
    private static string SortKey(BaseKey key) => $"{key.Reference} {key.Platform}";
}
