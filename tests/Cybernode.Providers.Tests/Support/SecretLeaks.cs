using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Cybernode.Providers.Tests.Support;

/// <summary>
/// Looks for a secret's bytes wherever a build could have left them: in files as they are, and
/// inside every gzip stream and tar archive they hold (layers, saved images), however nested.
/// Folders are listed with find and grep, which skip FIFOs and devices an engine keeps.
/// </summary>
public static class SecretLeaks
{
    /// <summary>A long random marker no file holds by chance.</summary>
    public static string NewMarker() => "cybernode-secret-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The regular files under <paramref name="root"/> that hold <paramref name="marker"/>, unpacked.</summary>
    public static async Task<IReadOnlyList<string>> InFolderAsync(string root, string marker)
    {
        // grep reads every file as it is, even one an engine holds locked (which .NET refuses to open);
        // then each file is unpacked, gzip and tar, as far as it can be opened.
        var leaks = (await LinesAsync("grep", ["-rlF", "--devices=skip", "--binary-files=text", "-e", marker, root])).ToList();
        foreach (var file in await LinesAsync("find", [root, "-type", "f"]))
        {
            try
            {
                if (!leaks.Contains(file) && await InFileAsync(file, marker))
                {
                    leaks.Add(file);
                }
            }
            catch (IOException)
            {
                // Locked by its engine (a bolt database): grep has read it as it is.
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

    private static async Task<IReadOnlyList<string>> LinesAsync(string program, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEndAsync();
        var listed = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        await errors;
        return listed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
