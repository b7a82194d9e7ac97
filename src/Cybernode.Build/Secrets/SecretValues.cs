using Cybernode.Oci.FileSystem;
using Cybernode.Providers;

namespace Cybernode.Build.Secrets;

/// <summary>
/// Where a secret's value is: checked before a build starts, read only to make a private copy.
/// Errors name the secret's id and its file or variable, never its value.
/// </summary>
public static class SecretValues
{
    /// <summary>BuildKit's limit for one secret; also keeps a secret that names /dev/zero from filling memory.</summary>
    public const int MaxBytes = 500 * 1024;

    /// <summary>Fails with a user error when the secret's file or variable cannot give a value.</summary>
    public static void Check(BuildSecret secret, Func<string, string?> environment)
    {
        if (secret.FromEnvironment)
        {
            var value = environment(secret.Source)
                ?? throw new UserError($"secret '{secret.Id}': the environment variable {secret.Source} is not set", hint: $"export {secret.Source}, or give the secret from a file: {SecretSpec.Option} id={secret.Id},src=FILE");
            if (System.Text.Encoding.UTF8.GetByteCount(value) > MaxBytes)
            {
                throw new UserError($"secret '{secret.Id}': the environment variable {secret.Source} holds more than {MaxBytes / 1024} KiB, the most a build secret may hold");
            }

            return;
        }

        var (kind, size) = Kind(secret);
        var problem = kind switch
        {
            FileKind.Missing => "no such file",
            FileKind.Regular when size > MaxBytes => $"larger than {MaxBytes / 1024} KiB, the most a build secret may hold",
            FileKind.Regular => null,
            FileKind.Directory => "a folder, not a file",
            _ => "not a regular file (a device, FIFO or socket)",
        };
        if (problem is not null)
        {
            throw new UserError($"secret '{secret.Id}': {problem}", secret.Source, hint: $"{SecretSpec.Option} id=NAME,src=FILE names a regular file of at most {MaxBytes / 1024} KiB");
        }
    }

    /// <summary>The secret's bytes: the file's content, or the variable's value as UTF-8.</summary>
    public static async Task<byte[]> ReadAsync(BuildSecret secret, CancellationToken cancellationToken)
    {
        Check(secret, Environment.GetEnvironmentVariable);
        if (secret.FromEnvironment)
        {
            return System.Text.Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable(secret.Source)!);
        }

        // Read at most one byte past the limit: a file that grew since the check is refused, not read whole.
        try
        {
            await using var stream = new FileStream(secret.Source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
            var buffer = new byte[MaxBytes + 1];
            var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            return length <= MaxBytes
                ? buffer[..length]
                : throw new UserError($"secret '{secret.Id}': larger than {MaxBytes / 1024} KiB, the most a build secret may hold", secret.Source);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"secret '{secret.Id}': cannot read it: {e.Message}", secret.Source);
        }
    }

    private static (FileKind Kind, long Size) Kind(BuildSecret secret)
    {
        try
        {
            return RegularFile.StatusOf(secret.Source);
        }
        catch (IOException e)
        {
            throw new UserError($"secret '{secret.Id}': cannot look at it: {e.Message}", secret.Source);
        }
    }
}
