using System.Runtime.InteropServices;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Transports;

namespace Cybernode.Providers.Selection;

/// <summary>
/// The image doctor starts a container from: one layer holding one small file, made by cybernode
/// itself, so the check needs no base image and no registry.
/// </summary>
internal static class ProbeImage
{
    private const string ProbeFile = "cybernode-doctor-probe";

    /// <summary>Writes the image named <paramref name="name"/> as an archive in <paramref name="format"/> into <paramref name="folder"/> and returns its path.</summary>
    public static async Task<string> WriteAsync(string folder, string name, ArchiveFormat format, CancellationToken cancellationToken)
    {
        using var store = await OciLayoutStore.OpenAsync(Path.Combine(folder, "store"), cancellationToken);
        BuiltLayer layer;
        await using (var writer = await LayerWriter.BeginAsync(store, LayerCompression.Gzip, cancellationToken))
        {
            // One small file holding the name: two probes at once (two doctors, or doctor beside a
            // build) must share neither image nor layer, or one's removal deletes what the other
            // is loading.
            var content = System.Text.Encoding.UTF8.GetBytes(name + "\n");
            await writer.Tar.WriteEntryAsync(
                new TarEntryHeader(ProbeFile, TarEntryType.File, 0b110_100_100, 0, 0, 0, content.Length), new MemoryStream(content), cancellationToken);
            layer = await writer.CompleteAsync(cancellationToken);
        }

        var config = new ImageConfiguration
        {
            Architecture = HostArchitecture(),
            Os = "linux",
            RootFs = new RootFs([layer.DiffId]),
            History = [new HistoryEntry { CreatedBy = "cybernode doctor: a file naming the probe" }],
        };
        var configDescriptor = await store.PutJsonAsync(config, MediaTypes.ImageConfig, cancellationToken);
        var manifest = await store.PutJsonAsync(new ImageManifest(configDescriptor, [layer.Descriptor]), MediaTypes.ImageManifest, cancellationToken);
        var archive = Path.Combine(folder, $"probe.{format.TransportName()}.tar");
        await ImageTransport.ExportAsync(store, new TaggedImage(name, manifest), new TransportReference(format.Transport(), archive, null), cancellationToken);
        return archive;
    }

    private static string HostArchitecture() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        Architecture.X86 => "386",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        Architecture.RiscV64 => "riscv64",
        var other => other.ToString().ToLowerInvariant(),
    };
}
