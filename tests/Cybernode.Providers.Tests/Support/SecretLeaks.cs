using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Cybernode.Providers.Tests.Support;

/// <summary>
/// Looks for a secret's bytes wherever a build could have left them: in files as they are, and
/// inside every gzip stream and tar archive they hold (layers, saved images), however nested.
/// </summary>
public static class SecretLeaks
{
    /// <summary>A long random marker no file holds by chance.</summary>
    public static string NewMarker() => "cybernode-secret-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The regular files under <paramref name="root"/> that hold <paramref name="marker"/>, unpacked.</summary>
    public static async Task<IReadOnlyList<string>> InFolderAsync(string root, string marker)
    {
        var leaks = new List<string>();
        foreach (var file in await RegularFilesAsync(root))
        {
            if (await InFileAsync(file, marker))
            {
                leaks.Add(file);
            }
        }

        return leaks;
    }

    public static async Task<bool> InFileAsync(string path, string marker) =>
        Holds(await File.ReadAllBytesAsync(path), Encoding.UTF8.GetBytes(marker));

    private static bool Holds(byte[] data, byte[] marker)
    {
        if (data.AsSpan().IndexOf(marker) >= 0)
        {
            return true;
        }

        if (data.Length > 2 && data[0] == 0x1f && data[1] == 0x8b)
        {
            using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
            return Holds(ReadAll(gzip), marker);
        }

        if (data.Length >= 512 && Encoding.ASCII.GetString(data, 257, 5) == "ustar")
        {
            using var reader = new TarReader(new MemoryStream(data));
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.DataStream is not null && Holds(ReadAll(entry.DataStream), marker))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Regular files only, through find: opening a FIFO an engine keeps would block.</summary>
    private static async Task<IReadOnlyList<string>> RegularFilesAsync(string root)
    {
        using var find = Process.Start(new ProcessStartInfo("find", [root, "-type", "f", "-print0"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var listed = await find.StandardOutput.ReadToEndAsync();
        await find.WaitForExitAsync();
        return listed.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }
}
