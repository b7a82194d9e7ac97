using System.CommandLine;
using System.Net;
using System.Text;
using Cybernode.Build;
using Cybernode.Oci.Registry.Auth;

namespace Cybernode.Cli.Commands;

/// <summary>
/// <c>cybernode login [SERVER] [-u USER] [--password-stdin]</c>: checks the login against the
/// registry's <c>GET /v2/</c> as docker login does, then keeps it where docker would (its
/// credential helper, else config.json), so docker, podman and skopeo see the same login.
/// </summary>
public static class LoginCommand
{
    private static readonly TimeSpan VerifyTimeout = TimeSpan.FromSeconds(30);

    public static Command Create()
    {
        var server = RegistryArgument.Create();
        var username = new Option<string?>("--username", "-u") { Description = "The user name (asked for on a terminal when left out)" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (one line)" };

        // Accepted only to be refused with the way to do it: a password in the arguments is seen by
        // every user through ps and stays in the shell history.
        var password = new Option<string?>("--password", "-p") { Description = "Refused: a password on the command line leaks through ps and shell history; use --password-stdin" };
        var tlsVerify = InsecureRegistries.TlsVerifyOption();
        var command = new Command("login", "Log in to a registry: check the user and password with it, then keep them in docker's config.json or credential helper")
        {
            server, username, passwordStdin, password, tlsVerify,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var registry = parse.GetValue(server)!;
            if (parse.GetValue(password) is not null)
            {
                return await UsageAsync("--password on the command line is refused: it shows in ps and in the shell history", registry);
            }

            var user = parse.GetValue(username);
            if (parse.GetValue(passwordStdin) && string.IsNullOrEmpty(user))
            {
                return await UsageAsync("--password-stdin needs the user name: -u USER", registry);
            }

            var secret = parse.GetValue(passwordStdin) ? await ReadStdinPasswordAsync(cancellationToken) : AskOnTerminal(ref user, registry);
            if (secret.Length == 0)
            {
                throw new UserError("the password is empty", hint: $"pipe it in: cybernode login {registry} -u USER --password-stdin < FILE");
            }

            var insecure = InsecureRegistries.Of(parse, tlsVerify, Environment.CurrentDirectory);
            var credential = await VerifyAsync(registry, new RegistryCredential(user!, secret), insecure, cancellationToken);
            var credentials = await DockerCredentials.LoadAsync(cancellationToken);
            var where = await credentials.StoreAsync(registry, credential, cancellationToken);
            if (where == credentials.Config.Path)
            {
                await Console.Error.WriteLineAsync($"cybernode: the login is stored unencrypted in {where}; a credential helper (credsStore in that file) keeps it elsewhere");
            }

            Console.Out.WriteLine("Login Succeeded");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> UsageAsync(string message, string registry)
    {
        await Console.Error.WriteLineAsync($"cybernode login: {message}\nhint: echo \"$PASSWORD\" | cybernode login {registry} -u USER --password-stdin");
        return ExitCodes.Usage;
    }

    // Docker's rule: the whole input, without the line end a here-string or echo adds.
    private static async Task<string> ReadStdinPasswordAsync(CancellationToken cancellationToken)
    {
        var text = await Console.In.ReadToEndAsync(cancellationToken);
        return text.TrimEnd('\n').TrimEnd('\r');
    }

    private static string AskOnTerminal(ref string? user, string registry)
    {
        if (Console.IsInputRedirected)
        {
            throw new UserError("no password given and standard input is not a terminal", hint: $"pipe it in: cybernode login {registry} -u USER --password-stdin");
        }

        if (string.IsNullOrEmpty(user))
        {
            Console.Error.Write("Username: ");
            user = Console.ReadLine()?.Trim() ?? "";
        }

        Console.Error.Write("Password: ");
        var password = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                password.Length = Math.Max(0, password.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return password.ToString();
    }

    // GET /v2/ with the login, through the same challenge handling every registry request uses; a
    // refresh token the token service hands out is kept instead of the password, as docker does.
    private static async Task<RegistryCredential> VerifyAsync(string registry, RegistryCredential credential, InsecureRegistries insecure, CancellationToken cancellationToken)
    {
        var auth = new RegistryAuthHandler((_, _) => Task.FromResult<RegistryCredential?>(credential))
        {
            OfflineAccess = true,
            InnerHandler = new SocketsHttpHandler(),
        };
        using var http = new HttpClient(auth) { Timeout = VerifyTimeout };
        var shown = RegistryArgument.Shown(registry);
        try
        {
            using var response = await http.GetAsync(new Uri(RegistryArgument.Endpoint(registry, insecure).BaseAddress, "v2/"), cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new UserError($"{shown}: GET /v2/ answered {(int)response.StatusCode} {response.ReasonPhrase}", hint: "check that SERVER is a container registry (host[:port])");
            }
        }
        catch (HttpRequestException e)
        {
            throw new UserError($"{shown}: cannot reach the registry: {e.Message}", hint: "check the host and port, and that the registry is running");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UserError($"{shown}: the registry did not answer within {VerifyTimeout.TotalSeconds:0} s", hint: "check the host and port");
        }

        return auth.ReceivedRefreshToken is { } refresh ? new RegistryCredential(credential.Username, "", refresh) : credential;
    }
}
