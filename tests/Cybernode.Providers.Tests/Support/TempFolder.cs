namespace Cybernode.Providers.Tests.Support;

public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "cybernode-test-")
    {
        // Short paths under /tmp: a unix socket path must fit in 108 bytes. World-traversable so tests can run tools as nobody.
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
        File.SetUnixFileMode(Path, (UnixFileMode)493);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // An engine may still hold a mount under it for a moment; /tmp is cleaned anyway.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: leftovers of an engine's storage are not the test's concern.
        }
    }
}
