using System.Runtime.InteropServices;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Transports;

namespace Cybernode.Providers.Selection;

/// <summary>
/// The image doctor starts a container from: one empty layer and nothing else, made by cybernode
/// itself, so the check needs no base image and no registry.
/// </summary>
internal static class ProbeImage
{
    public const string ProbeLabel = "org.cybernode.doctor.probe";

    /// <summary>Writes the image named <paramref name="name"/> as an archive in <paramref name="format"/> into <paramref name="folder"/> and returns its path.</summary>
    public static async Task<string> WriteAsync(string folder, string name, ArchiveFormat format, CancellationToken cancellationToken)
    {
        using var store = await OciLayoutStore.OpenAsync(Path.Combine(folder, "store"), cancellationToken);
        BuiltLayer layer;
        await using (var writer = await LayerWriter.BeginAsync(store, LayerCompression.Gzip, cancellationToken))
        {
            layer = await writer.CompleteAsync(cancellationToken);
        }

        var config = new ImageConfiguration
        {
            Architecture = HostArchitecture(),
            Os = "linux",
            RootFs = new RootFs([layer.DiffId]),
            History = [new HistoryEntry { CreatedBy = "cybernode doctor: an empty layer" }],

            // The name in the config makes each probe a distinct image: probes of two doctors (or
            // builds) at once must not share an image id, or one's removal deletes the other's image.
            Config = new ContainerConfig { Labels = new SortedDictionary<string, string> { [ProbeLabel] = name } },
        };
        var configDescriptor = await store.PutJsonAsync(config, MediaTypes.ImageConfig, cancellationToken);
        var manifest = await store.PutJsonAsync(new ImageManifest(configDescriptor, [layer.Descriptor]), MediaTypes.ImageManifest, cancellationToken);
        var archive = Path.Combine(folder, $"probe.{format.TransportName()}.tar");
        await ImageTransport.ExportAsync(store, new TaggedImage(name, manifest), new TransportReference(format.TransportKind(), archive, null), cancellationToken);
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
