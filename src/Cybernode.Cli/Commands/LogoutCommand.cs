using System.CommandLine;
using Cybernode.Oci.Registry.Auth;

namespace Cybernode.Cli.Commands;

/// <summary><c>cybernode logout [SERVER]</c>: forget a registry's login, in config.json and in its credential helper.</summary>
public static class LogoutCommand
{
    public static Command Create()
    {
        var server = RegistryArgument.Create();
        var command = new Command("logout", "Forget the login of a registry (docker's config.json, or its credential helper)")
        {
            server,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var registry = parse.GetValue(server)!;
            var credentials = await DockerCredentials.LoadAsync(cancellationToken);
            var shown = RegistryArgument.Shown(registry);
            Console.Out.WriteLine(await credentials.EraseAsync(registry, cancellationToken)
                ? $"Removing login credentials for {shown}"
                : $"Not logged in to {shown}");
            return ExitCodes.Success;
        });
        return command;
    }
}
