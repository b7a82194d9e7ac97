using System.CommandLine;
using System.CommandLine.Parsing;
using Cybernode.Build;
using Cybernode.Cli.Commands;
using Cybernode.Oci;

namespace Cybernode.Cli;

/// <summary>The command tree, and the one place where errors become a line on stderr and an exit code.</summary>
public static class CliApplication
{
    public static RootCommand CreateRoot() => new("cybernode: build, store and ship the container images of a cluster of services")
    {
        BuildCommand.Create(),
        ImagesCommand.Create(),
        InspectCommand.Create(),
        ExportCommand.Create(),
        ImportCommand.Create(),
        DockerfileCommand.Create(),
        DoctorCommand.Create(),
        StoreCommand.Create(),
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = CreateRoot();
        var parse = root.Parse(args);
        var errors = parse.Errors.Select(error => error.Message).Concat(UnknownOptions(parse, args)).ToList();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"cybernode: {error}");
            }

            await Console.Error.WriteLineAsync("see: cybernode --help");
            return ExitCodes.Usage;
        }

        using var signals = new InterruptSignals();
        try
        {
            var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parse.InvokeAsync(configuration, signals.Token);
        }
        catch (UserError e)
        {
            await Console.Error.WriteLineAsync(e.Describe());
            return ExitCodes.Failure;
        }
        catch (StorageException e)
        {
            await Console.Error.WriteLineAsync($"cybernode: {e.Message}\nhint: {e.Hint}");
            return ExitCodes.Failure;
        }
        catch (OciFormatException e)
        {
            await Console.Error.WriteLineAsync($"cybernode: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cybernode: interrupted");
            return signals.ExitCode;
        }
    }

    // System.CommandLine hands a token it does not know as an option to a free argument slot, so
    // `build --frobnicate` would try to build the folder "--frobnicate". A value starting with '-'
    // is taken as an argument only after "--".
    private static IEnumerable<string> UnknownOptions(ParseResult parse, string[] args) =>
        args.Contains("--")
            ? []
            : parse.CommandResult.Children.OfType<ArgumentResult>()
                .SelectMany(argument => argument.Tokens)
                .Where(token => token.Value.Length > 1 && token.Value[0] == '-')
                .Select(token => $"Unrecognized command or argument '{token.Value}'.");
}
