using System.Diagnostics;
using System.Text;
using Cybernode.Oci.FileSystem;
using Cybernode.Oci.Hashing;
using Cybernode.Oci.Model;
using Cybernode.Oci.Streams;

namespace Cybernode.Oci.Store;

/// <summary>
/// An OCI image layout folder used as the local store. Blobs are written to a temporary file,
/// checked, then renamed into place; index.json is replaced by rename under a lock, so a crash
/// never leaves a half-written blob or index behind.
/// </summary>
/// <remarks>
/// Three locks, all flock, all dropped by the kernel when a process dies:
/// <list type="bullet">
/// <item>each temporary file is locked by its writer (<see cref="TempFiles"/>);</item>
/// <item>index.json updates are serialised by a lock on oci-layout, the one file never replaced;</item>
/// <item>a writing session (<see cref="OpenAsync"/>) holds a shared lock on blobs/ for its whole life,
/// and maintenance (<see cref="OpenForMaintenanceAsync"/>, for gc) an exclusive one. So gc never runs
/// while a build or import may hold blobs it has written but not yet named in index.json.</item>
/// </list>
/// </remarks>
public sealed class OciLayoutStore : IImageStore, IDisposable
{
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";
    public const string LayoutFile = "oci-layout";
    public const string IndexFile = "index.json";
    public const string BlobsFolder = "blobs";
    private static readonly byte[] LayoutContent = Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}");

    private FileLock? _session;

    private OciLayoutStore(string location) => Location = location;

    public string Location { get; }

    private string BlobFolder => Path.Combine(Location, BlobsFolder, Digest.Sha256Algorithm);

    /// <summary>
    /// Opens a layout for writing, creating an empty one when the folder has none, and removes the
    /// temporary files that writers which died left behind.
    /// </summary>
    public static async Task<OciLayoutStore> OpenAsync(string location, CancellationToken cancellationToken, Action? waiting = null)
    {
        var store = new OciLayoutStore(Path.GetFullPath(location));
        try
        {
            store.RequireFolder(allowMissing: true);
            CreateFolder(store.BlobFolder, store.Location);
            store._session = await FileLock.AcquireAsync(Path.Combine(store.Location, BlobsFolder), exclusive: false, waiting, cancellationToken);
            await store.InitialiseAsync(cancellationToken);
            TempFiles.RemoveStale(store.Location, Process.GetCurrentProcess().StartTime.ToUniversalTime());
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing layout for reading; refuses a folder that is not one.</summary>
    public static OciLayoutStore OpenExisting(string location)
    {
        var store = new OciLayoutStore(Path.GetFullPath(location));
        store.RequireFolder(allowMissing: false);
        if (!File.Exists(Path.Combine(store.Location, LayoutFile)) || !File.Exists(Path.Combine(store.Location, IndexFile)))
        {
            throw new OciFormatException($"{store.Location} is not an OCI image layout (no {LayoutFile} or {IndexFile})");
        }

        return store;
    }

    /// <summary>
    /// Opens an existing layout with no writer at work in it, waiting for running writers to finish
    /// (<paramref name="waiting"/> is told once), and keeps them out until disposed.
    /// </summary>
    public static async Task<OciLayoutStore> OpenForMaintenanceAsync(string location, Action? waiting, CancellationToken cancellationToken)
    {
        var store = OpenExisting(location);
        try
        {
            store._session = await FileLock.AcquireAsync(Path.Combine(store.Location, BlobsFolder), exclusive: true, waiting, cancellationToken);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public Task<bool> ContainsAsync(Digest digest, CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(BlobPath(digest)));

    public Task<Stream> OpenReadAsync(Digest digest, CancellationToken cancellationToken)
    {
        var path = BlobPath(digest);
        if (RegularFile.KindOf(path, followLinks: true) == FileKind.Missing)
        {
            throw new OciFormatException($"blob {digest} is missing from {Location}");
        }

        return Task.FromResult<Stream>(RegularFile.OpenRead(path));
    }

    public Task<IBlobUpload> BeginUploadAsync(CancellationToken cancellationToken)
    {
        IBlobUpload upload = new FileBlobUpload(this, TempFiles.NewPath(Location));
        return Task.FromResult(upload);
    }

    public async Task<IReadOnlyList<TaggedImage>> ListAsync(CancellationToken cancellationToken)
    {
        var index = await ReadIndexAsync(cancellationToken);
        return index.Manifests
            .Where(m => m.Annotation(RefNameAnnotation) is not null)
            .Select(m => new TaggedImage(m.Annotation(RefNameAnnotation)!, m))
            .ToList();
    }

    /// <summary>Every entry of index.json, named or not: the roots of what the store keeps.</summary>
    public async Task<IReadOnlyList<Descriptor>> RootsAsync(CancellationToken cancellationToken) =>
        (await ReadIndexAsync(cancellationToken)).Manifests;

    public async Task TagAsync(string name, Descriptor manifest, CancellationToken cancellationToken)
    {
        if (!await ContainsAsync(manifest.Digest, cancellationToken))
        {
            throw new InvalidOperationException($"cannot name {name}: manifest {manifest.Digest} is not in the store");
        }

        await using var storeLock = await AcquireLockAsync(cancellationToken);
        var index = await ReadIndexAsync(cancellationToken);
        var annotations = new SortedDictionary<string, string>(manifest.Annotations ?? new(), StringComparer.Ordinal)
        {
            [RefNameAnnotation] = name,
        };
        var entries = index.Manifests
            .Where(m => m.Annotation(RefNameAnnotation) != name)
            .Append(manifest with { Annotations = annotations })
            .OrderBy(m => m.Annotation(RefNameAnnotation) ?? "", StringComparer.Ordinal)
            .ToList();
        await WriteIndexAsync(index with { Manifests = entries }, cancellationToken);
    }

    /// <summary>
    /// Changes the entries of index.json under the index lock: <paramref name="change"/> gets them
    /// as they are now and returns what they should be (the same list to leave them). Unnamed entries (no ref name) are roots no
    /// image listing shows, e.g. the build caches.
    /// </summary>
    public async Task UpdateRootsAsync(Func<IReadOnlyList<Descriptor>, IReadOnlyList<Descriptor>> change, CancellationToken cancellationToken)
    {
        await using var storeLock = await AcquireLockAsync(cancellationToken);
        var index = await ReadIndexAsync(cancellationToken);
        var entries = change(index.Manifests);
        if (!ReferenceEquals(entries, index.Manifests))
        {
            await WriteIndexAsync(index with { Manifests = [.. entries] }, cancellationToken);
        }
    }

    /// <summary>
    /// Removes these names from index.json in one replacement (all of them or, after a crash, none);
    /// their blobs stay until gc. Returns the entries removed.
    /// </summary>
    public async Task<IReadOnlyList<TaggedImage>> UntagAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        await using var storeLock = await AcquireLockAsync(cancellationToken);
        var index = await ReadIndexAsync(cancellationToken);
        var removed = index.Manifests
            .Where(m => m.Annotation(RefNameAnnotation) is { } name && names.Contains(name))
            .ToList();
        if (removed.Count > 0)
        {
            await WriteIndexAsync(index with { Manifests = [.. index.Manifests.Except(removed)] }, cancellationToken);
        }

        return [.. removed.Select(m => new TaggedImage(m.Annotation(RefNameAnnotation)!, m))];
    }

    public string BlobPath(Digest digest) => Path.Combine(Location, BlobsFolder, digest.Algorithm, digest.Hex);

    /// <summary>Ends the writing (or maintenance) session; the process ending does the same.</summary>
    public void Dispose()
    {
        _session?.Dispose();
        _session = null;
    }

    private void RequireFolder(bool allowMissing)
    {
        var kind = RegularFile.KindOf(Location, followLinks: true);
        if (kind == FileKind.Directory || (allowMissing && kind == FileKind.Missing))
        {
            return;
        }

        throw new StorageException(
            $"{Location} is {RegularFile.Describe(kind)}, not an image store folder",
            "--store (or $CYBERNODE_STORE) names a folder: an OCI image layout, or a path where one can be created");
    }

    private static void CreateFolder(string folder, string location)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (IOException e) when (StorageException.IsDiskFull(e))
        {
            throw StorageException.DiskFull(location, e);
        }
        catch (IOException e)
        {
            throw new StorageException($"{location}: cannot create the store's folders: {e.Message}", "check that the path is a folder you can write to", e);
        }
    }

    private async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        var layoutPath = Path.Combine(Location, LayoutFile);
        if (!File.Exists(layoutPath))
        {
            await WriteAtomicallyAsync(layoutPath, LayoutContent, cancellationToken);
        }

        if (!File.Exists(Path.Combine(Location, IndexFile)))
        {
            await using var storeLock = await AcquireLockAsync(cancellationToken);
            if (!File.Exists(Path.Combine(Location, IndexFile)))
            {
                await WriteIndexAsync(new ImageIndex([]), cancellationToken);
            }
        }
    }

    private async Task<ImageIndex> ReadIndexAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Location, IndexFile);
        var bytes = await RegularFile.ReadAllAsync(path, OciLimits.MaxDocumentSize, cancellationToken);
        return OciJson.Deserialize<ImageIndex>(bytes, path);
    }

    private Task WriteIndexAsync(ImageIndex index, CancellationToken cancellationToken) =>
        WriteAtomicallyAsync(Path.Combine(Location, IndexFile), OciJson.Serialize(index), cancellationToken);

    private async Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var tempFile = TempFiles.NewPath(Location);
        try
        {
            await using var stream = TempFiles.Create(tempFile);
            await new DiskFullStream(stream, Location).WriteAsync(content, cancellationToken);
            TempFiles.Sync(stream, Location);

            // Renamed while still open and locked, so no sweep can take it for a dead writer's file.
            File.Move(tempFile, path, overwrite: true);
        }
        catch
        {
            TempFiles.Discard(tempFile);
            throw;
        }
    }

    /// <summary>
    /// Serialises index updates between processes sharing the store. The lock is held on oci-layout,
    /// the one file of a layout that is never replaced, so no lock file is left behind.
    /// </summary>
    private async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Location, LayoutFile);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (!StorageException.IsDiskFull(e))
            {
                await Task.Delay(20, cancellationToken);
            }
        }
    }

    private sealed class FileBlobUpload : IBlobUpload
    {
        private readonly OciLayoutStore _store;
        private readonly string _tempPath;
        private readonly FileStream _file;
        private readonly DigestingWriteStream _digesting;
        private bool _committed;

        public FileBlobUpload(OciLayoutStore store, string tempPath)
        {
            _store = store;
            _tempPath = tempPath;
            try
            {
                _file = TempFiles.Create(tempPath);
            }
            catch (IOException e) when (StorageException.IsDiskFull(e))
            {
                throw StorageException.DiskFull(store.Location, e);
            }

            _digesting = new DigestingWriteStream(new DiskFullStream(_file, store.Location));
        }

        public Stream Content => _digesting;

        public async Task<BlobInfo> CommitAsync(Digest? expected, CancellationToken cancellationToken)
        {
            await _digesting.FlushAsync(cancellationToken);
            TempFiles.Sync(_file, _store.Location);
            var info = new BlobInfo(_digesting.Digest, _digesting.BytesWritten);
            if (expected is not null && expected != info.Digest)
            {
                throw new OciFormatException($"content does not match its digest: expected {expected}, got {info.Digest}");
            }

            // Renamed even over an identical blob, still open and locked: the blob is fresh, the
            // temp file is never unlocked under its temp name, and the rename is atomic.
            File.Move(_tempPath, _store.BlobPath(info.Digest), overwrite: true);
            _committed = true;
            await _file.DisposeAsync();
            return info;
        }

        public async ValueTask DisposeAsync()
        {
            await _digesting.DisposeAsync();
            await _file.DisposeAsync();
            if (!_committed)
            {
                TempFiles.Discard(_tempPath);
            }
        }
    }
}
