namespace Cybernode.Testing;

/// <summary>A fresh folder under the system temp folder for one test, with helpers to lay out files; removed on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    private const UnixFileMode Traversable = (UnixFileMode)493;

    public TempFolder(string prefix = "cybernode-test-")
    {
        // Short paths under /tmp: a unix socket path must fit in 108 bytes. World-traversable so
        // tests can run tools as nobody.
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
        File.SetUnixFileMode(Path, Traversable);
    }

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes <paramref name="content"/> to <paramref name="relative"/> (folders made as needed); returns the full path.</summary>
    public string Write(string relative, string content, UnixFileMode? mode = null)
    {
        var full = Prepare(relative);
        File.WriteAllText(full, content);
        if (mode is { } m)
        {
            File.SetUnixFileMode(full, m);
        }

        return full;
    }

    public string WriteBytes(string relative, byte[] content)
    {
        var full = Prepare(relative);
        File.WriteAllBytes(full, content);
        return full;
    }

    /// <summary>Every file below the folder with its size and content hash, to prove a failed command changed nothing.</summary>
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
        catch (DirectoryNotFoundException)
        {
            // The test removed it itself.
        }
        catch (IOException)
        {
            // A process the test left behind (or an engine's mount) may still hold a file; /tmp is cleaned anyway.
        }
        catch (UnauthorizedAccessException)
        {
            // Leftovers of an engine's storage are not the test's concern.
        }
    }

    private string Prepare(string relative)
    {
        var full = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }
}
