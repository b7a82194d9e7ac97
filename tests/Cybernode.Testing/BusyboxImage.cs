using System.Formats.Tar;

namespace Cybernode.Testing;

/// <summary>
/// Builds the smallest useful base image with umoci alone (independent of cybernode's own OCI code):
/// busybox-static's one binary, a symlink per applet it lists and an /etc/passwd. No registry is
/// reachable here, so every base image is made locally.
/// </summary>
public static class BusyboxImage
{
    public const string Busybox = "/bin/busybox";

    public const string SearchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    // A fixed time keeps the layer, and so the image digest, the same on every run.
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Creates (or adds to) the layout at <paramref name="layoutDirectory"/> an image tagged <paramref name="tag"/>.</summary>
    public static async Task<OciLayoutImage> CreateAsync(
        string layoutDirectory,
        string tag = "latest",
        CancellationToken cancellationToken = default)
    {
        var busybox = RequiredTool.FindFile(Busybox, "busybox-static");
        var image = new OciLayoutImage(Path.GetFullPath(layoutDirectory), tag);
        using var scratch = new TempFolder("cybernode-busybox-");
        var layer = scratch.Combine("layer.tar");
        await WriteLayerAsync(busybox, layer, cancellationToken);

        if (!File.Exists(Path.Combine(image.LayoutDirectory, "oci-layout")))
        {
            await Umoci.RunAsync(["init", "--layout", image.LayoutDirectory], cancellationToken);
        }

        await Umoci.RunAsync(["new", "--image", image.UmociReference], cancellationToken);
        await Umoci.RunAsync(
            ["raw", "add-layer", "--image", image.UmociReference, "--history.created_by", "busybox-static", layer],
            cancellationToken);
        await Umoci.RunAsync(
            [
                "config", "--image", image.UmociReference,
                "--config.env", $"PATH={SearchPath}",
                "--config.cmd", "/bin/sh",
                "--config.workingdir", "/",
            ],
            cancellationToken);
        // `umoci config` leaves the superseded manifest and config blobs behind.
        await Umoci.RunAsync(["gc", "--layout", image.LayoutDirectory], cancellationToken);
        return image;
    }

    private static async Task WriteLayerAsync(string busybox, string layerPath, CancellationToken cancellationToken)
    {
        await using var output = File.Create(layerPath);
        await using var tar = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: false);
        await tar.WriteEntryAsync(DirectoryEntry("bin/"), cancellationToken);
        await using (var binary = File.OpenRead(busybox))
        {
            var entry = Entry(TarEntryType.RegularFile, "bin/busybox", Mode755);
            entry.DataStream = binary;
            await tar.WriteEntryAsync(entry, cancellationToken);
        }

        foreach (var applet in await AppletsAsync(busybox, cancellationToken))
        {
            var link = Entry(TarEntryType.SymbolicLink, $"bin/{applet}", Mode755);
            link.LinkName = "busybox";
            await tar.WriteEntryAsync(link, cancellationToken);
        }

        await tar.WriteEntryAsync(DirectoryEntry("etc/"), cancellationToken);
        await WriteTextAsync(tar, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n", cancellationToken);
        await WriteTextAsync(tar, "etc/group", "root:x:0:\nnobody:x:65534:\n", cancellationToken);
        await tar.WriteEntryAsync(DirectoryEntry("root/"), cancellationToken);
        await tar.WriteEntryAsync(Entry(TarEntryType.Directory, "tmp/", Mode755 | UnixFileMode.OtherWrite | UnixFileMode.GroupWrite | UnixFileMode.StickyBit), cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> AppletsAsync(string busybox, CancellationToken cancellationToken)
    {
        var list = (await ProcessRunner.RunAsync(busybox, ["--list"], cancellationToken: cancellationToken)).EnsureSuccess();
        return [.. list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(a => a != "busybox").Order(StringComparer.Ordinal)];
    }

    private const UnixFileMode Mode755 =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static UstarTarEntry DirectoryEntry(string name) => Entry(TarEntryType.Directory, name, Mode755);

    private static async Task WriteTextAsync(TarWriter tar, string name, string text, CancellationToken cancellationToken)
    {
        var entry = Entry(TarEntryType.RegularFile, name, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using var data = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        entry.DataStream = data;
        await tar.WriteEntryAsync(entry, cancellationToken);
    }

    private static UstarTarEntry Entry(TarEntryType type, string name, UnixFileMode mode) =>
        new(type, name)
        {
            Mode = mode,
            ModificationTime = Epoch,
            Uid = 0,
            Gid = 0,
            UserName = "root",
            GroupName = "root",
        };
}
