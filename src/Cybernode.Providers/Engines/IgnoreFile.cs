namespace Cybernode.Providers.Engines;

/// <summary>
/// .dockerignore rules written to a private temporary file for <c>--ignorefile</c> (podman build,
/// buildah bud), which then replaces the context's own .dockerignore; removed when disposed.
/// </summary>
internal sealed class IgnoreFile : IDisposable
{
    private readonly DirectoryInfo _folder;

    private IgnoreFile(DirectoryInfo folder) => _folder = folder;

    public string Path => System.IO.Path.Combine(_folder.FullName, "ignore");

    public static async Task<IgnoreFile> WriteAsync(IReadOnlyList<string> patterns, CancellationToken cancellationToken)
    {
        var file = new IgnoreFile(Directory.CreateTempSubdirectory("cybernode-ignore-"));
        try
        {
            // Rule order is meaning: the last rule that matches a path decides.
            await File.WriteAllLinesAsync(file.Path, patterns, cancellationToken);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
