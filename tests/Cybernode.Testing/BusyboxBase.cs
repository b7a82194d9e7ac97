namespace Cybernode.Testing;

/// <summary>
/// cybernode/busybox-base: the <see cref="BusyboxImage"/> made once per test run and written by skopeo
/// as an oci-archive and a docker-archive, for the engines to load.
/// </summary>
public sealed class BusyboxBase
{
    public const string Name = "cybernode/busybox-base:latest";
    private static readonly string[] Transports = ["oci-archive", "docker-archive"];
    private static readonly Lazy<Task<BusyboxBase>> Shared = new(() => CreateAsync(CancellationToken.None));
    private static readonly TempFolder Folder = CreateFolder();

    private BusyboxBase(OciLayoutImage layout) => Layout = layout;

    /// <summary>The image in an OCI layout, as umoci made it.</summary>
    public OciLayoutImage Layout { get; }

    /// <summary>Why the image cannot be made here (busybox-static, umoci or skopeo missing), or null.</summary>
    public static string? Missing =>
        !File.Exists(BusyboxImage.Busybox) ? $"{BusyboxImage.Busybox} is missing: install the Debian package busybox-static"
        : RequiredTool.TryFind("umoci") is null ? "umoci is missing: install the Debian package umoci"
        : RequiredTool.TryFind("skopeo") is null ? "skopeo is missing: install the Debian package skopeo"
        : null;

    public static Task<BusyboxBase> GetAsync() => Shared.Value;

    /// <summary>The image as an archive of <paramref name="transport"/> (oci-archive or docker-archive).</summary>
    public string ArchivePath(string transport) => Folder.Combine($"busybox-base.{transport}.tar");

    private static TempFolder CreateFolder()
    {
        var folder = new TempFolder("cybernode-base-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => folder.Dispose();
        return folder;
    }

    private static async Task<BusyboxBase> CreateAsync(CancellationToken cancellationToken)
    {
        var image = new BusyboxBase(await BusyboxImage.CreateAsync(Folder.Combine("layout"), "latest", cancellationToken));
        foreach (var transport in Transports)
        {
            await Skopeo.CopyAsync(image.Layout.SkopeoReference, $"{transport}:{image.ArchivePath(transport)}:{Name}", cancellationToken);
        }

        return image;
    }
}
