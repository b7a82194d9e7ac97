using System.Text.Json;
using Cybernode.Build;
using Cybernode.Build.Assembly;
using Cybernode.Differential.Tests.Corpus;
using Cybernode.Differential.Tests.Snapshots;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Transports;

namespace Cybernode.Differential.Tests.Engines;

/// <summary>
/// cybernode's in-process assembler, called as the build command calls it, into a store of the
/// run's own; the image is read back from that store (an OCI layout) by umoci and as raw JSON.
/// </summary>
public sealed class CybernodeBuilder : IImageBuilder
{
    public const string BuilderName = "cybernode";

    private OciLayoutStore? _store;

    public string Name => BuilderName;

    public async Task LoadBaseAsync(OciLayoutImage baseImage, string scratch, CancellationToken cancellationToken)
    {
        _store = await OciLayoutStore.OpenAsync(Path.Combine(scratch, "store"), cancellationToken);
        await ImageTransport.ImportAsync(TransportReference.Parse(baseImage.SkopeoReference), _store, BaseImage.Tag, cancellationToken);
    }

    public async Task<BuildOutcome> BuildAsync(DifferentialCase @case, string context, string scratch, CancellationToken cancellationToken)
    {
        var store = _store ?? throw new InvalidOperationException("the base image is not loaded");
        var name = $"cybernode-differential/{@case.Name}:latest";
        var request = new AssemblyRequest(Path.Combine(context, "Dockerfile"), context, name, @case.BuildArgs, new Dictionary<string, string>());
        AssembledImage image;
        try
        {
            image = await new InProcessAssembler(store, AssemblerOptions.Default).AssembleAsync(request, cancellationToken);
        }
        catch (UserError e)
        {
            return BuildOutcome.Failed(Name, e.Message);
        }

        var config = await ReadConfigAsync(store, image.Manifest, cancellationToken);
        var paths = await FilesystemReader.ReadAsync(new OciLayoutImage(store.Location, name), Path.Combine(scratch, "rootfs"), cancellationToken);
        return BuildOutcome.Built(Name, new ImageSnapshot(paths, config));
    }

    /// <summary>The config blob as stored, parsed here rather than through cybernode's own model.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> ReadConfigAsync(OciLayoutStore store, Descriptor manifest, CancellationToken cancellationToken)
    {
        Digest configDigest;
        await using (var manifestBlob = await store.OpenReadAsync(manifest.Digest, cancellationToken))
        {
            using var document = await JsonDocument.ParseAsync(manifestBlob, cancellationToken: cancellationToken);
            configDigest = Digest.Parse(document.RootElement.GetProperty("config").GetProperty("digest").GetString()!);
        }

        await using var configBlob = await store.OpenReadAsync(configDigest, cancellationToken);
        using var config = await JsonDocument.ParseAsync(configBlob, cancellationToken: cancellationToken);
        return Normalisation.ConfigFields(config.RootElement.TryGetProperty("config", out var container) ? container : null);
    }
}
