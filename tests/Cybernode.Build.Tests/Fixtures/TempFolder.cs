namespace Cybernode.Build.Tests.Fixtures;

/// <summary>A scratch folder for one test, with helpers to lay out files, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cybernode-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public string Write(string relative, string content, UnixFileMode? mode = null)
    {
        var full = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        if (mode is { } m)
        {
            File.SetUnixFileMode(full, m);
        }

        return full;
    }

    public string WriteBytes(string relative, byte[] content)
    {
        var full = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    /// <summary>Every file below the folder with its size and time, to prove a failed command changed nothing.</summary>
    public static string Snapshot(string folder) =>
        !Directory.Exists(folder)
            ? "(none)"
            : string.Join('\n', Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(p => File.Exists(p) ? $"{p} {new FileInfo(p).Length} {File.ReadAllText(p).GetHashCode(StringComparison.Ordinal)}" : p));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A test that left a process holding a file must not fail on clean-up.
        }
    }
}
