using Cybernode.Oci.Hashing;
using Cybernode.Oci.Store;

namespace Cybernode.Oci.Layers;

/// <summary>
/// Writes one layer straight into a store in a single pass:
/// tar -> diffID hash -> compressor -> digest hash -> blob file. The layer is never read back.
/// </summary>
public sealed class LayerWriter : IAsyncDisposable
{
    private readonly IBlobUpload _upload;
    private readonly LayerCompression _compression;
    private readonly Stream _compressor;
    private readonly DigestingWriteStream _uncompressed;
    private bool _completed;

    private LayerWriter(IBlobUpload upload, LayerCompression compression)
    {
        _upload = upload;
        _compression = compression;
        _compressor = compression.Compress(upload.Content);
        _uncompressed = new DigestingWriteStream(_compressor, leaveInnerOpen: true);
        Tar = new ReproducibleTarWriter(_uncompressed);
    }

    public ReproducibleTarWriter Tar { get; }

    public static async Task<LayerWriter> BeginAsync(IBlobStore store, LayerCompression compression, CancellationToken cancellationToken) =>
        new(await store.BeginUploadAsync(cancellationToken), compression);

    public async Task<BuiltLayer> CompleteAsync(CancellationToken cancellationToken)
    {
        await Tar.FinishAsync(cancellationToken);
        var diffId = _uncompressed.Digest;
        await _compressor.DisposeAsync();
        var blob = await _upload.CommitAsync(null, cancellationToken);
        _completed = true;
        return new BuiltLayer(blob.Describe(_compression.MediaType()), diffId);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _uncompressed.DisposeAsync();
            await _compressor.DisposeAsync();
        }
        catch (IOException) when (!_completed)
        {
            // An abandoned layer's compressor flushes into a temp file about to be discarded; a full
            // disk there must neither hide the error that abandoned the layer nor keep the file.
        }
        finally
        {
            await _upload.DisposeAsync();
        }
    }
}
