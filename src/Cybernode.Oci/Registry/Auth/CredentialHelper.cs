using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Cybernode.Oci.Registry.Auth;

/// <summary>
/// A docker credential helper, <c>docker-credential-NAME</c> on PATH, spoken to as docker does:
/// the verb as its argument, the server URL or a JSON login on stdin, a JSON login on stdout.
/// </summary>
public sealed class CredentialHelper(string name)
{
    // What every helper of docker-credential-helpers prints when it holds nothing for a server.
    private const string NotFound = "credentials not found";

    // A helper's answer is one small JSON document; more is not read.
    private const int MaxOutput = 1 << 20;

    public string Program { get; } = "docker-credential-" + Checked(name);

    /// <summary>The login the helper holds for <paramref name="key"/>, or null when it holds none.</summary>
    public async Task<RegistryCredential?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunAsync("get", key, cancellationToken);
        if (exitCode != 0)
        {
            return output.Contains(NotFound, StringComparison.OrdinalIgnoreCase) ? null : throw Failed("get", exitCode, output);
        }

        try
        {
            using var document = JsonDocument.Parse(output);
            var username = Field(document.RootElement, "Username");
            var secret = Field(document.RootElement, "Secret");
            return username == RegistryCredential.IdentityTokenUser
                ? new RegistryCredential("", "", secret)
                : new RegistryCredential(username, secret);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // The answer holds the secret: only its shape is told.
            throw new RegistryException($"{Program} get: its answer is not a JSON object with Username and Secret", $"check that {Program} is a docker credential helper");
        }
    }

    /// <summary>Hands <paramref name="credential"/> to the helper to keep under <paramref name="key"/>.</summary>
    public async Task StoreAsync(string key, RegistryCredential credential, CancellationToken cancellationToken)
    {
        using var json = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("ServerURL", key);
            writer.WriteString("Username", credential.IdentityToken is null ? credential.Username : RegistryCredential.IdentityTokenUser);
            writer.WriteString("Secret", credential.IdentityToken ?? credential.Password);
            writer.WriteEndObject();
        }

        var (exitCode, output) = await RunAsync("store", Encoding.UTF8.GetString(json.ToArray()), cancellationToken);
        if (exitCode != 0)
        {
            throw Failed("store", exitCode, output);
        }
    }

    /// <summary>Makes the helper forget <paramref name="key"/>; whether it held a login for it.</summary>
    public async Task<bool> EraseAsync(string key, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunAsync("erase", key, cancellationToken);
        return exitCode == 0 || (output.Contains(NotFound, StringComparison.OrdinalIgnoreCase) ? false : throw Failed("erase", exitCode, output));
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string verb, string input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(verb);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            throw new RegistryException(
                $"{Program}: no such credential helper on PATH",
                "install it, or remove credsStore/credHelpers from the docker config file");
        }

        using (process)
        {
            try
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
                process.StandardInput.Close();
                var output = ReadLimitedAsync(process.StandardOutput, cancellationToken);
                var errors = ReadLimitedAsync(process.StandardError, cancellationToken);
                await process.WaitForExitAsync(cancellationToken);
                return (process.ExitCode, (await output).Trim() + (await errors).Trim());
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            catch (IOException)
            {
                // It exited without reading its input (a broken pipe): what it said is in its exit status.
                await process.WaitForExitAsync(cancellationToken);
                return (process.ExitCode == 0 ? 1 : process.ExitCode, "");
            }
        }
    }

    private static async Task<string> ReadLimitedAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var buffer = new char[MaxOutput];
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);

        // Drained to the end so the helper never blocks on a full pipe.
        await reader.BaseStream.CopyToAsync(Stream.Null, cancellationToken);
        return new string(buffer, 0, read);
    }

    // The name becomes part of a program name looked up on PATH: a slash would make it a path.
    private static string Checked(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? name
            : throw new RegistryException(
                $"\"{name}\" is not a credential helper name (docker-credential-NAME: letters, digits, '-', '_', '.')",
                "fix credsStore/credHelpers in the docker config file");

    private static string Field(JsonElement root, string name) => root.GetProperty(name).GetString() ?? "";

    private RegistryException Failed(string verb, int exitCode, string output)
    {
        // A failing helper's words explain its failure; its answer on success is never shown.
        var said = output.ReplaceLineEndings(" ");
        return new RegistryException(
            $"{Program} {verb} failed (exit {exitCode}){(said.Length > 0 ? ": " + said[..Math.Min(said.Length, 200)] : "")}",
            $"run `{Program} {verb}` by hand to see why, or remove it from the docker config file");
    }
}
