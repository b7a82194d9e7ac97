using System.Security.Cryptography;
using Cybernode.Providers;

namespace Cybernode.Build.Secrets;

/// <summary>
/// Private copies of a build stage's secrets: a folder only its owner may enter (0700) holding
/// one read-only file per secret (0400), named by its id. 01build.sh reads them through
/// $CYBERNODE_SECRETS and a build run through read-only mounts at /run/secrets. Disposing removes
/// the folder, on success, failure and cancellation alike.
/// </summary>
public sealed class SecretFolder : IDisposable
{
    public const string Variable = "CYBERNODE_SECRETS";
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private SecretFolder(string path, IReadOnlyDictionary<string, string> files)
    {
        Path = path;
        Files = files;
    }

    public string Path { get; }

    /// <summary>Each secret's copy by id.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>Copies every secret into a new private folder under the temp folder (TMPDIR), a tmpfs on most systems.</summary>
    public static async Task<SecretFolder> CreateAsync(IReadOnlyList<BuildSecret> secrets, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("cybernode-secrets-").FullName;
        try
        {
            File.SetUnixFileMode(folder, FolderMode);
            var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var secret in secrets)
            {
                files[secret.Id] = await WriteAsync(folder, secret, cancellationToken);
            }

            return new SecretFolder(folder, files);
        }
        catch (Exception e)
        {
            Remove(folder);
            throw e is IOException or UnauthorizedAccessException
                ? new UserError($"cannot make the private copies of the secrets in {folder}: {e.Message}", hint: "make room in the temp folder, or point TMPDIR elsewhere")
                : e;
        }
    }

    public void Dispose() => Remove(Path);

    private static async Task<string> WriteAsync(string folder, BuildSecret secret, CancellationToken cancellationToken)
    {
        var value = await SecretValues.ReadAsync(secret, cancellationToken);
        var path = System.IO.Path.Combine(folder, secret.Id);

        // Created read-only for its owner from the start: the value never sits in a file others may open.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead };
        try
        {
            await using var stream = new FileStream(path, options);
            await stream.WriteAsync(value, cancellationToken);
            return path;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(value);
        }
    }

    private static void Remove(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone: nothing of the secrets is left.
        }
    }
}
