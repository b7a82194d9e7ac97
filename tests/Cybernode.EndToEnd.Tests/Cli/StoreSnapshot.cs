using System.Security.Cryptography;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>Everything in a folder, one line an entry: kind, relative path, and for files size and SHA-256.</summary>
public static class StoreSnapshot
{
    public static IReadOnlyList<string> Take(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(path => Describe(folder, path))
                .ToList()
            : ["(no store folder)"];

    private static string Describe(string folder, string path)
    {
        var relative = Path.GetRelativePath(folder, path);
        if (Directory.Exists(path))
        {
            return $"dir {relative}";
        }

        using var stream = File.OpenRead(path);
        return $"file {relative} {stream.Length} {Convert.ToHexStringLower(SHA256.HashData(stream))}";
    }
}
