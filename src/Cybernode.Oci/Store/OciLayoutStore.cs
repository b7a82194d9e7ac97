using System.Text;
using Cybernode.Oci.Hashing;
using Cybernode.Oci.Model;

namespace Cybernode.Oci.Store;

/// <summary>
/// An OCI image layout folder used as the local store. Blobs are written to a temporary file,
/// checked, then renamed into place; index.json is replaced by rename under a lock, so a crash
/// never leaves a half-written blob or index behind.
/// </summary>
public sealed class OciLayoutStore : IImageStore
{
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";
    private const string LayoutFile = "oci-layout";
    private const string IndexFile = "index.json";
    // Temporary files sit at the layout's top level, named so no OCI tool mistakes them for content,
    // and vanish on commit; a layout written by cybernode holds nothing but the OCI files.
    private const string TempPrefix = ".cybernode-tmp-";

    private OciLayoutStore(string location) => Location = location;

    public string Location { get; }

    private string BlobFolder => Path.Combine(Location, "blobs", Digest.Sha256Algorithm);

    /// <summary>Opens a layout, creating an empty one when the folder has none.</summary>
    public static async Task<OciLayoutStore> OpenAsync(string location, CancellationToken cancellationToken)
    {
        var store = new OciLayoutStore(Path.GetFullPath(location));
        await store.InitialiseAsync(cancellationToken);
        return store;
    }

    /// <summary>Opens an existing layout for reading; refuses a folder that is not one.</summary>
    public static OciLayoutStore OpenExisting(string location)
    {
        var full = Path.GetFullPath(location);
        if (!File.Exists(Path.Combine(full, LayoutFile)) || !File.Exists(Path.Combine(full, IndexFile)))
        {
            throw new OciFormatException($"{full} is not an OCI image layout (no {LayoutFile} or {IndexFile})");
        }

        return new OciLayoutStore(full);
    }

    public Task<bool> ContainsAsync(Digest digest, CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(BlobPath(digest)));

    public Task<Stream> OpenReadAsync(Digest digest, CancellationToken cancellationToken)
    {
        var path = BlobPath(digest);
        if (!File.Exists(path))
        {
            throw new OciFormatException($"blob {digest} is missing from {Location}");
        }

        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Task.FromResult(stream);
    }

    public Task<IBlobUpload> BeginUploadAsync(CancellationToken cancellationToken)
    {
        IBlobUpload upload = new FileBlobUpload(this, TempPath());
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

    internal string BlobPath(Digest digest) => Path.Combine(BlobFolder, digest.Hex);

    private async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(BlobFolder);
        var layoutPath = Path.Combine(Location, LayoutFile);
        if (!File.Exists(layoutPath))
        {
            await WriteAtomicallyAsync(layoutPath, Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}"), cancellationToken);
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
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return OciJson.Deserialize<ImageIndex>(bytes, path);
    }

    private Task WriteIndexAsync(ImageIndex index, CancellationToken cancellationToken) =>
        WriteAtomicallyAsync(Path.Combine(Location, IndexFile), OciJson.Serialize(index), cancellationToken);

    private async Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var tempFile = TempPath();
        await using (var stream = new FileStream(tempFile, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await stream.WriteAsync(content, cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(tempFile, path, overwrite: true);
    }

    private string TempPath() => Path.Combine(Location, TempPrefix + Guid.NewGuid().ToString("N"));

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
            catch (IOException)
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
            _file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            _digesting = new DigestingWriteStream(_file, leaveInnerOpen: true);
        }

        public Stream Content => _digesting;

        public async Task<BlobInfo> CommitAsync(Digest? expected, CancellationToken cancellationToken)
        {
            await _digesting.FlushAsync(cancellationToken);
            _file.Flush(flushToDisk: true);
            var info = new BlobInfo(_digesting.Digest, _digesting.BytesWritten);
            await _file.DisposeAsync();
            if (expected is not null && expected != info.Digest)
            {
                throw new OciFormatException($"content does not match its digest: expected {expected}, got {info.Digest}");
            }

            var target = _store.BlobPath(info.Digest);
            if (File.Exists(target))
            {
                File.Delete(_tempPath);
            }
            else
            {
                File.Move(_tempPath, target, overwrite: true);
            }

            _committed = true;
            return info;
        }

        public async ValueTask DisposeAsync()
        {
            await _digesting.DisposeAsync();
            await _file.DisposeAsync();
            if (!_committed && File.Exists(_tempPath))
            {
                File.Delete(_tempPath);
            }
        }
    }
}
