using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cybernode.Oci.FileSystem;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Caching;

/// <summary>
/// The SHA-256 of files, remembered by what <c>statx</c> says of them (size, mtime, ctime, device
/// and inode), so an unchanged tree is looked at, never read. A file is read again when any of
/// those differ, and when its ctime is too close to the moment it was hashed to rule out a write in
/// the same clock tick (git's "racily clean" case).
/// </summary>
/// <remarks>
/// Kept in the workspace's <c>.cybernode/</c> folder, never in the store. It is only a shortcut:
/// losing it (kill -9 before <see cref="SaveAsync"/>, two builds saving at once) costs reading files
/// again, never a wrong digest, because every entry is checked against a fresh stat before use.
/// </remarks>
public sealed class StatCache
{
    public const string FileName = "stat-cache";
    private const string Header = "cybernode-stat-cache 1";
    private const string TempPrefix = FileName + ".tmp-";

    // File times come from the kernel's coarse clock, a tick (up to 10 ms) behind the wall clock.
    private const long RacyMarginNanoseconds = 50_000_000;

    private readonly ConcurrentDictionary<string, Entry> _entries;
    private long _bytesRead;
    private int _filesRead;

    private StatCache(string path, ConcurrentDictionary<string, Entry> entries)
    {
        Location = path;
        _entries = entries;
    }

    /// <summary>The file the cache is kept in.</summary>
    public string Location { get; }

    /// <summary>How many files were read (hashed) since loading: 0 means an unchanged tree was only looked at.</summary>
    public int FilesRead => _filesRead;

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>The cache kept in <paramref name="folder"/>; empty when it is missing or unreadable.</summary>
    public static StatCache Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        return new StatCache(path, new ConcurrentDictionary<string, Entry>(ReadEntries(path), StringComparer.Ordinal));
    }

    /// <summary>The digest of the file at <paramref name="path"/> (links followed), read only when the stamp of a regular file changed.</summary>
    public async Task<Digest> DigestAsync(string path, FileStamp stamp, CancellationToken cancellationToken)
    {
        if (TryGetDigest(path, stamp, out var known))
        {
            return known;
        }

        var started = NowNanoseconds();
        Digest digest;
        await using (var file = RegularFile.OpenRead(path))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 20];
            int read;
            while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                Interlocked.Add(ref _bytesRead, read);
            }

            digest = Digest.Sha256(hash.GetHashAndReset());
        }

        Interlocked.Increment(ref _filesRead);

        // A link's own stamp says nothing of its target's content: only regular files are remembered.
        if (stamp.Kind == FileKind.Regular)
        {
            Remember(path, stamp, digest, started);
        }

        return digest;
    }

    /// <summary>The digest remembered for the file, if its stamp is unchanged and was settled when it was hashed.</summary>
    public bool TryGetDigest(string path, FileStamp stamp, out Digest digest)
    {
        digest = null!;
        if (_entries.TryGetValue(path, out var known) && known.Matches(stamp))
        {
            digest = known.Digest;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Records a digest computed elsewhere (while copying the file into the store), read starting
    /// at <paramref name="readStarted"/> (see <see cref="NowNanoseconds"/>); ignored when the file
    /// changed meanwhile.
    /// </summary>
    public void Remember(string path, FileStamp before, Digest digest, long readStarted)
    {
        if (RegularFile.StampOf(path) == before && !path.Contains('\n', StringComparison.Ordinal))
        {
            _entries[path] = new Entry(before, digest, readStarted);
        }
    }

    /// <summary>The wall clock in the unit of file stamps, for <see cref="Remember"/>.</summary>
    public static long NowNanoseconds() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    /// <summary>
    /// Writes the cache beside its old copy and renames it into place, keeping what another build
    /// saved meanwhile and dropping files that are gone.
    /// </summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Location)!;
        Directory.CreateDirectory(folder);
        RemoveStaleTemps(folder);
        foreach (var (path, entry) in ReadEntries(Location))
        {
            _entries.TryAdd(path, entry);
        }

        var text = new StringBuilder(Header).Append('\n');
        foreach (var (path, entry) in _entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (RegularFile.StampOf(path).Kind == FileKind.Regular)
            {
                var s = entry.Stamp;
                text.Append(CultureInfo.InvariantCulture,
                    $"{entry.Digest.Hex} {s.Size} {s.ModifiedNanoseconds} {s.ChangedNanoseconds} {s.Identity.DeviceMajor} {s.Identity.DeviceMinor} {s.Identity.Inode} {s.Mode} {entry.HashedAt} {path}\n");
            }
        }

        var temp = Path.Combine(folder, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            await File.WriteAllTextAsync(temp, text.ToString(), cancellationToken);
            File.Move(temp, Location, overwrite: true);
        }
        catch (IOException)
        {
            // A full disk or a vanished folder only costs hashing again next time; the build's result stands.
            File.Delete(temp);
        }
    }

    private static Dictionary<string, Entry> ReadEntries(string path)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        if (RegularFile.StampOf(path).Kind != FileKind.Regular)
        {
            return entries;
        }

        using var reader = new StreamReader(RegularFile.OpenRead(path));
        if (reader.ReadLine() != Header)
        {
            return entries;
        }

        while (reader.ReadLine() is { } line)
        {
            if (Entry.TryParse(line, out var file, out var entry))
            {
                entries[file] = entry;
            }
        }

        return entries;
    }

    /// <summary>Temp files of saves a kill -9 interrupted; a minute is far longer than any save takes.</summary>
    private static void RemoveStaleTemps(string folder)
    {
        foreach (var temp in Directory.EnumerateFiles(folder, TempPrefix + "*"))
        {
            if (File.GetLastWriteTimeUtc(temp) < DateTime.UtcNow.AddMinutes(-1))
            {
                File.Delete(temp);
            }
        }
    }

    private sealed record Entry(FileStamp Stamp, Digest Digest, long HashedAt)
    {
        public bool Matches(FileStamp now) => now == Stamp && Stamp.ChangedNanoseconds < HashedAt - RacyMarginNanoseconds;

        public static bool TryParse(string line, out string path, out Entry entry)
        {
            path = "";
            entry = null!;
            var parts = line.Split(' ', 10);
            if (parts.Length != 10 || !Digest.TryParse($"{Digest.Sha256Algorithm}:{parts[0]}", out var digest))
            {
                return false;
            }

            var numbers = new long[8];
            for (var i = 0; i < numbers.Length; i++)
            {
                if (!long.TryParse(parts[i + 1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out numbers[i]))
                {
                    return false;
                }
            }

            path = parts[9];
            var identity = new FileIdentity((uint)numbers[3], (uint)numbers[4], (ulong)numbers[5]);
            entry = new Entry(new FileStamp(FileKind.Regular, numbers[0], numbers[1], numbers[2], identity, (int)numbers[6]), digest, numbers[7]);
            return true;
        }
    }
}
