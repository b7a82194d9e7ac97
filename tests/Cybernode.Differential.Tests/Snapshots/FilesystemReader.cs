using System.Security.Cryptography;

namespace Cybernode.Differential.Tests.Snapshots;

/// <summary>
/// Unpacks an image with umoci (which applies layers and whiteouts itself, independently of
/// cybernode) and describes every path of the result as GNU find and a SHA-256 see it.
/// </summary>
public static class FilesystemReader
{
    // One record per path, every field NUL-terminated, so no file name or link target can break it.
    private const string FindFormat = @"%y\0%m\0%U\0%G\0%s\0%n\0%l\0%P\0";
    private const int FieldsPerPath = 8;

    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(OciLayoutImage image, string rootfs, CancellationToken cancellationToken)
    {
        // `raw unpack`: the root filesystem alone. A runtime config.json is not wanted, and making one
        // fails on a USER that the image's /etc/passwd does not name.
        await Umoci.RunAsync(["raw", "unpack", "--image", image.UmociReference, rootfs], cancellationToken);
        try
        {
            return await DescribeAsync(rootfs, cancellationToken);
        }
        finally
        {
            Directory.Delete(rootfs, recursive: true);
        }
    }

    private static async Task<IReadOnlyDictionary<string, string>> DescribeAsync(string rootfs, CancellationToken cancellationToken)
    {
        var find = RequiredTool.Find("find", "findutils");
        var listing = (await ProcessRunner.RunAsync(find, [rootfs, "-mindepth", "1", "-printf", FindFormat], cancellationToken: cancellationToken))
            .EnsureSuccess().StandardOutput.Split('\0');
        var paths = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + FieldsPerPath <= listing.Length; i += FieldsPerPath)
        {
            var fields = listing.AsSpan(i, FieldsPerPath).ToArray();
            var relative = fields[7];
            paths["/" + relative] = await DescribeAsync(fields, Path.Combine(rootfs, relative), cancellationToken);
        }

        return paths;
    }

    /// <summary>"TYPE MODE UID:GID" and, by type, size, content digest and link count, or the link target.</summary>
    private static async Task<string> DescribeAsync(string[] fields, string fullPath, CancellationToken cancellationToken)
    {
        // find prints the permission bits (with setuid, setgid and sticky) in octal.
        var (type, octal, owner) = (fields[0], fields[1].PadLeft(4, '0'), $"{fields[2]}:{fields[3]}");
        return type switch
        {
            // A folder's size and link count depend on the filesystem it was unpacked on.
            "d" => $"dir {octal} {owner}",
            // A link's own mode is always 0777 on Linux.
            "l" => $"symlink {owner} -> {fields[6]}",
            "f" => $"file {octal} {owner} size={fields[4]} sha256={await DigestAsync(fullPath, cancellationToken)} links={fields[5]}",
            _ => $"{type} {octal} {owner}",
        };
    }

    private static async Task<string> DigestAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
