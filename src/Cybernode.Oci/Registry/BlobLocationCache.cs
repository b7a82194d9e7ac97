using System.Globalization;
using Cybernode.Oci.Model;

namespace Cybernode.Oci.Registry;

/// <summary>
/// Where blobs were last seen pushed or pulled, kept across runs (as skopeo's blob-info cache does):
/// digest -> registry and repository, so a push to a new repository mounts the layers an earlier
/// run put in another repository of that registry instead of uploading them again. One small text
/// file, at most <see cref="MaxEntries"/> lines (the newest kept), read on first use; <see cref="Save"/>
/// merges this run's sightings with what other runs wrote meanwhile, under a lock, into a temp file
/// renamed over the old one. A file that does not parse is ignored and rewritten. It lives in the
/// user's cache folder, never in a store, whose <c>verify</c> would report it as a stray.
/// </summary>
public sealed class BlobLocationCache
{
    public const int MaxEntries = 4096;

    private const string Header = "cybernode blob locations 1";

    // A mount the registry refuses costs a request and an upload session; a few tries are enough.
    private const int MaxCandidates = 3;

    private const long MaxFileSize = MaxEntries * 512L;

    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    private readonly Lazy<Dictionary<BlobLocation, long>> _known;
    private readonly Dictionary<BlobLocation, long> _seen = [];

    public BlobLocationCache(string path)
    {
        Path = path;
        _known = new Lazy<Dictionary<BlobLocation, long>>(() => Read(path));
    }

    /// <summary>The file: $XDG_CACHE_HOME/cybernode/blob-locations, else ~/.cache/cybernode/blob-locations.</summary>
    public string Path { get; }

    /// <summary>The cache in the user's cache folder; null when there is no home to hold one.</summary>
    public static BlobLocationCache? ForUser()
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg && System.IO.Path.IsPathRooted(xdg)
            ? xdg
            : Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home && System.IO.Path.IsPathRooted(home) ? System.IO.Path.Combine(home, ".cache") : null;
        return cache is null ? null : new BlobLocationCache(System.IO.Path.Combine(cache, "cybernode", "blob-locations"));
    }

    /// <summary>Notes that <paramref name="registry"/>/<paramref name="repository"/> holds <paramref name="digest"/> now.</summary>
    public void Record(string registry, string repository, Digest digest)
    {
        if (!IsWord(registry) || !IsWord(repository))
        {
            return;
        }

        lock (_seen)
        {
            _seen[new BlobLocation(digest, registry, repository)] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        }
    }

    /// <summary>The repositories of <paramref name="registry"/> where <paramref name="digest"/> was seen last, newest first, a few at most.</summary>
    public IReadOnlyList<string> RepositoriesWith(string registry, Digest digest)
    {
        lock (_seen)
        {
            return _known.Value.Concat(_seen)
                .Where(entry => entry.Key.Digest == digest && entry.Key.Registry == registry)
                .OrderByDescending(entry => entry.Value)
                .Select(entry => entry.Key.Repository)
                .Distinct(StringComparer.Ordinal)
                .Take(MaxCandidates)
                .ToList();
        }
    }

    /// <summary>
    /// Writes this run's sightings, merged with the file as it is now. A cache that cannot be written
    /// (read-only home, full disk, another run holding the lock too long) only costs uploads later.
    /// </summary>
    public void Save()
    {
        Dictionary<BlobLocation, long> seen;
        lock (_seen)
        {
            if (_seen.Count == 0)
            {
                return;
            }

            seen = new Dictionary<BlobLocation, long>(_seen);
        }

        try
        {
            // Repository names of private registries are nobody else's business.
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            using var held = Lock();
            if (held is null)
            {
                return;
            }

            var merged = Read(Path);
            foreach (var (location, time) in seen)
            {
                merged[location] = Math.Max(time, merged.GetValueOrDefault(location));
            }

            Write(merged);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cache only saves uploads; the command itself succeeded.
        }
    }

    private void Write(Dictionary<BlobLocation, long> entries)
    {
        // One name is enough: only the holder of the lock writes it, and a run killed while writing
        // leaves a file the next save overwrites.
        var temporary = Path + ".tmp";
        using (var writer = new StreamWriter(temporary, append: false))
        {
            writer.NewLine = "\n";
            writer.WriteLine(Header);
            foreach (var (location, time) in entries.OrderByDescending(entry => entry.Value).Take(MaxEntries))
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{location.Digest} {location.Registry} {location.Repository} {time}"));
            }
        }

        File.Move(temporary, Path, overwrite: true);
    }

    // An exclusive lock on a file beside the cache (flock underneath), waited for a while: two runs
    // saving at once take turns, so neither loses the other's lines.
    private FileStream? Lock()
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(Path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    /// <summary>The file's lines; none when it is missing, too big or not entirely in this format.</summary>
    private static Dictionary<BlobLocation, long> Read(string path)
    {
        var entries = new Dictionary<BlobLocation, long>();
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists || file.Length > MaxFileSize)
            {
                return entries;
            }

            using var reader = new StreamReader(path);
            if (reader.ReadLine() != Header)
            {
                return entries;
            }

            while (reader.ReadLine() is { } line)
            {
                if (!TryParse(line, out var location, out var time))
                {
                    return [];
                }

                entries[location] = time;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        return entries;
    }

    private static bool TryParse(string line, out BlobLocation location, out long time)
    {
        location = default;
        time = 0;
        var parts = line.Split(' ');
        if (parts.Length != 4 || !Digest.TryParse(parts[0], out var digest) || !IsWord(parts[1]) || !IsWord(parts[2])
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out time))
        {
            return false;
        }

        location = new BlobLocation(digest, parts[1], parts[2]);
        return true;
    }

    private static bool IsWord(string text) => text.Length is > 0 and <= 255 && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    private readonly record struct BlobLocation(Digest Digest, string Registry, string Repository);
}
