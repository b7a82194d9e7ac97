using System.Collections.Concurrent;
using Cybernode.Oci.Model;

namespace Cybernode.Oci.Registry;

/// <summary>
/// What one registry is known to hold: for each blob, the repositories where it was seen (pulled,
/// found by HEAD) or pushed, so a push to another repository can mount it instead of uploading. Also
/// serialises the pushes of one blob, so images pushed at once upload a shared blob once and mount
/// it everywhere else. With a <see cref="BlobLocationCache"/>, what earlier runs saw counts too, and
/// what this run sees is kept for later ones.
/// </summary>
public sealed class BlobLedger(string registry = "", BlobLocationCache? remembered = null)
{
    private readonly ConcurrentDictionary<Digest, ConcurrentDictionary<string, bool>> _seen = new();
    private readonly ConcurrentDictionary<Digest, SemaphoreSlim> _pushing = new();
    private readonly ConcurrentDictionary<(string Repository, Digest Digest), bool> _pushed = new();

    public void Record(string repository, Digest digest)
    {
        _seen.GetOrAdd(digest, _ => new ConcurrentDictionary<string, bool>(StringComparer.Ordinal))[repository] = true;
        remembered?.Record(registry, repository, digest);
    }

    /// <summary>Repositories other than <paramref name="except"/> known to hold <paramref name="digest"/>: this run's first, then earlier runs' (newest first).</summary>
    public IReadOnlyList<string> RepositoriesWith(Digest digest, string except)
    {
        var now = _seen.TryGetValue(digest, out var repositories) ? repositories.Keys.Order(StringComparer.Ordinal) : Enumerable.Empty<string>();
        var before = remembered?.RepositoriesWith(registry, digest) ?? [];
        return now.Concat(before).Where(r => r != except).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>True once <paramref name="digest"/> went to <paramref name="repository"/> in this run (pushed, mounted or found there).</summary>
    public bool IsDone(string repository, Digest digest) => _pushed.ContainsKey((repository, digest));

    public void MarkDone(string repository, Digest digest)
    {
        _pushed[(repository, digest)] = true;
        Record(repository, digest);
    }

    /// <summary>Holds the registry-wide turn for pushing <paramref name="digest"/>; dispose to give it up.</summary>
    public async Task<IDisposable> TurnAsync(Digest digest, CancellationToken cancellationToken)
    {
        var gate = _pushing.GetOrAdd(digest, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
