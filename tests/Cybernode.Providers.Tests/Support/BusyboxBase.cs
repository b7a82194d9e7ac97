using System.Diagnostics;
using System.Text;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;
using Cybernode.Oci.Transports;

namespace Cybernode.Providers.Tests.Support;

/// <summary>
/// cybernode/busybox-base, made once per test run with cybernode's own OCI code from Debian's
/// busybox-static (no registry is reachable), and written as both archive formats for the engines.
/// </summary>
public sealed class BusyboxBase
{
    public const string Name = "cybernode/busybox-base:latest";
    private const string BusyboxPath = "/bin/busybox";
    private static readonly Lazy<Task<BusyboxBase>> Shared = new(() => CreateAsync(CancellationToken.None));
    private static readonly TempFolder Folder = CreateFolder();

    private BusyboxBase(OciLayoutStore store) => Store = store;

    public OciLayoutStore Store { get; }

    public static string? Missing => File.Exists(BusyboxPath) ? null : $"{BusyboxPath} is missing: apt-get install busybox-static";

    public static Task<BusyboxBase> GetAsync() => Shared.Value;

    /// <summary>The base image as an archive in <paramref name="format"/>.</summary>
    public string ArchivePath(ArchiveFormat format) => Path.Combine(Folder.Path, $"busybox-base.{format.TransportName()}.tar");

    private static TempFolder CreateFolder()
    {
        var folder = new TempFolder("cybernode-base-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => folder.Dispose();
        return folder;
    }

    private static async Task<BusyboxBase> CreateAsync(CancellationToken cancellationToken)
    {
        var store = await OciLayoutStore.OpenAsync(Path.Combine(Folder.Path, "store"), cancellationToken);
        BuiltLayer layer;
        await using (var writer = await LayerWriter.BeginAsync(store, LayerCompression.Gzip, cancellationToken))
        {
            await WriteRootFsAsync(writer.Tar, cancellationToken);
            layer = await writer.CompleteAsync(cancellationToken);
        }

        var config = new ImageConfiguration
        {
            Architecture = "amd64",
            Os = "linux",
            Config = new ContainerConfig
            {
                Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                Cmd = ["/bin/sh"],
            },
            RootFs = new RootFs([layer.DiffId]),

            // podman build refuses a base whose history does not account for its layers.
            History = [new HistoryEntry { CreatedBy = "busybox-static root filesystem" }],
        };
        var configDescriptor = await store.PutJsonAsync(config, MediaTypes.ImageConfig, cancellationToken);
        var manifest = await store.PutJsonAsync(new ImageManifest(configDescriptor, [layer.Descriptor]), MediaTypes.ImageManifest, cancellationToken);
        await store.TagAsync(Name, manifest, cancellationToken);

        var result = new BusyboxBase(store);
        var tagged = new TaggedImage(Name, manifest);
        foreach (var format in Enum.GetValues<ArchiveFormat>())
        {
            await ImageTransport.ExportAsync(store, tagged, new TransportReference(format.Transport(), result.ArchivePath(format), null), cancellationToken);
        }

        return result;
    }

    private static async Task WriteRootFsAsync(ReproducibleTarWriter tar, CancellationToken cancellationToken)
    {
        async Task Folder(string name, int mode) =>
            await tar.WriteEntryAsync(new TarEntryHeader(name, TarEntryType.Directory, mode, 0, 0, 0), null, cancellationToken);

        async Task Text(string name, string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            await tar.WriteEntryAsync(new TarEntryHeader(name, TarEntryType.File, 420, 0, 0, 0, bytes.Length), new MemoryStream(bytes), cancellationToken);
        }

        await Folder("bin", 493);
        await using (var busybox = File.OpenRead(BusyboxPath))
        {
            await tar.WriteEntryAsync(new TarEntryHeader("bin/busybox", TarEntryType.File, 493, 0, 0, 0, busybox.Length), busybox, cancellationToken);
        }

        foreach (var applet in await AppletsAsync(cancellationToken))
        {
            await tar.WriteEntryAsync(new TarEntryHeader($"bin/{applet}", TarEntryType.Symlink, 511, 0, 0, 0, LinkTarget: "busybox"), null, cancellationToken);
        }

        await Folder("etc", 493);
        await Text("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        await Text("etc/group", "root:x:0:\nnogroup:x:65534:\n");
        await Folder("root", 448);
        await Folder("tmp", 1023);
    }

    private static async Task<IReadOnlyList<string>> AppletsAsync(CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(BusyboxPath, ["--list"]) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(a => a != "busybox").Order(StringComparer.Ordinal)];
    }
}
