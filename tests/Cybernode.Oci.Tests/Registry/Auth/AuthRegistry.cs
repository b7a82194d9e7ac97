using System.Diagnostics;
using Cybernode.Oci.Tests.Fixtures;

namespace Cybernode.Oci.Tests.Registry.Auth;

/// <summary>
/// The real registry behind a login: htpasswd Basic auth, or Bearer tokens from a <see cref="TokenServer"/>.
/// The files its auth section names live as long as it does (distribution 2.8 reads htpasswd at each login).
/// </summary>
public sealed class AuthRegistry : IAsyncDisposable
{
    public const string User = "tester";

    // Long and odd enough that finding it in any output cannot be chance.
    public const string Password = "pw-Zq7!x9#Lm2$Kd";

    private readonly string _folder;

    private AuthRegistry(string folder, RegistryServer server)
    {
        _folder = folder;
        Server = server;
    }

    public RegistryServer Server { get; }

    /// <summary>"127.0.0.1:PORT".</summary>
    public string Host => Server.Host;

    /// <summary>A registry taking <see cref="User"/>/<see cref="Password"/> by HTTP Basic (bcrypt htpasswd, as distribution requires), listening on <paramref name="address"/>.</summary>
    public static Task<AuthRegistry> StartHtpasswdAsync(CancellationToken cancellationToken, string address = "127.0.0.1") =>
        StartAsync(
            folder =>
            {
                var file = Path.Combine(folder, "htpasswd");
                File.WriteAllText(file, Htpasswd(User, Password));
                return $"auth:\n  htpasswd:\n    realm: cybernode-tests\n    path: {file}\n";
            },
            address,
            cancellationToken);

    /// <summary>A registry whose tokens come from <paramref name="tokens"/>.</summary>
    public static Task<AuthRegistry> StartTokenAsync(TokenServer tokens, CancellationToken cancellationToken) =>
        StartAsync(folder => tokens.AuthYaml(Path.Combine(folder, "root.pem")), "127.0.0.1", cancellationToken);

    /// <summary>What must never be printed: the password, its Basic form, and every token <paramref name="tokens"/> handed out.</summary>
    public static IReadOnlyList<string> Secrets(TokenServer? tokens = null) =>
    [
        Password,
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{User}:{Password}")),
        .. tokens is null ? [] : tokens.IssuedTokens.Append(tokens.RefreshToken),
    ];

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<AuthRegistry> StartAsync(Func<string, string> authYaml, string address, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cybernode-registry-auth-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            return new AuthRegistry(folder, await RegistryServer.StartAsync(cancellationToken, authYaml(folder), address: address));
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    private static string Htpasswd(string user, string password)
    {
        var start = new ProcessStartInfo("htpasswd") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-Bbn", user, password })
        {
            start.ArgumentList.Add(argument);
        }

        using var htpasswd = Process.Start(start)!;
        var line = htpasswd.StandardOutput.ReadToEnd();
        htpasswd.WaitForExit();
        return htpasswd.ExitCode == 0 ? line : throw new InvalidOperationException($"htpasswd exited with {htpasswd.ExitCode}");
    }
}
