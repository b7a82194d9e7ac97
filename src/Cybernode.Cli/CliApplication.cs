using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Cybernode.Build;
using Cybernode.Build.Workspaces;
using Cybernode.Cli.Commands;
using Cybernode.Cli.Output;
using Cybernode.Oci;
using Cybernode.Oci.Registry;

namespace Cybernode.Cli;

/// <summary>The command tree, and the one place where errors become a line on stderr and an exit code.</summary>
public static class CliApplication
{
    /// <summary>
    /// A test hook: when set to 1, a command fails with an exception nothing handles, after parsing
    /// its command line, so tests can see what a user sees for an unforeseen error.
    /// </summary>
    public const string InjectFaultVariable = "CYBERNODE_TEST_INJECT_FAULT";

    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("cybernode: build, store and ship the container images of a cluster of services")
        {
            BuildCommand.Create(),
            PublishCommand.Create(),
            ImagesCommand.Create(),
            InspectCommand.Create(),
            ExportCommand.Create(),
            ImportCommand.Create(),
            PullCommand.Create(),
            PushCommand.Create(),
            DockerfileCommand.Create(),
            DoctorCommand.Create(),
            StoreCommand.Create(),
            RmiCommand.Create(),
            TagCommand.Create(),
            DuCommand.Create(),
            PruneCommand.Create(),
            GraphCommand.Create(),
            UpdateCommand.Create(),
            LoginCommand.Create(),
            LogoutCommand.Create(),
            CompletionCommand.Create(),
        };
        root.Subcommands.Add(HelpCommand.Create(root));
        ShowHelpWhenNoSubcommandIsGiven(root);
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        ParseResult? parse = null;
        using var signals = new InterruptSignals();
        try
        {
            parse = CreateRoot().Parse(args);
            var errors = UsageErrors.Describe(parse, args);
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    await WriteErrorAsync($"cybernode: {error}");
                }

                await Console.Error.WriteLineAsync($"see: {UsageErrors.CommandPath(parse.CommandResult)} --help");
                return ExitCodes.Usage;
            }

            if (Environment.GetEnvironmentVariable(InjectFaultVariable) == "1")
            {
                throw new InvalidOperationException($"a fault injected by {InjectFaultVariable}=1");
            }

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
            await WriteErrorAsync($"cybernode: {e.Message}\nhint: {e.Hint}");
            return ExitCodes.Failure;
        }
        catch (RegistryException e)
        {
            await WriteErrorAsync($"cybernode: {e.Message}\nhint: {e.Hint}");
            return ExitCodes.Failure;
        }
        catch (OciFormatException e)
        {
            await WriteErrorAsync($"cybernode: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cybernode: interrupted");
            return signals.ExitCode;
        }
        catch (Exception e)
        {
            return await ReportCrashAsync(e, parse);
        }
    }

    private static Task WriteErrorAsync(string text) => Console.Error.WriteLineAsync(ReadableText.Limit(text));

    // The last resort: the trace goes to a file, the terminal gets one line that says where.
    private static async Task<int> ReportCrashAsync(Exception error, ParseResult? parse)
    {
        var command = parse?.CommandResult.Command.Name ?? "";
        try
        {
            var report = await CrashReport.WriteAsync(error, command, parse is null ? null : WorkspaceOf(parse));
            await WriteErrorAsync($"cybernode: internal error: {error.Message.ReplaceLineEndings(" ")} (the full report is in {report})");
        }
        catch (IOException)
        {
            await WriteErrorAsync($"cybernode: internal error: {error.Message.ReplaceLineEndings(" ")} (no folder was writable for its full report)");
        }

        return ExitCodes.InternalError;
    }

    // The workspace the command works on: build's WORKSPACE argument or the other commands' --workspace.
    private static string? WorkspaceOf(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var given = command.Arguments.OfType<Argument<string>>().FirstOrDefault(a => a.Name == BuildCommand.WorkspaceArgument) is { } argument
            ? parse.GetValue(argument)
            : command.Options.OfType<Option<string>>().FirstOrDefault(o => o.Name == CommonOptions.WorkspaceOption) is { } option
                ? parse.GetValue(option)
                : null;

        // The report goes into the workspace found from there: a .cybernode/ made in a service
        // folder would make that folder a workspace of its own.
        return given is not null && Directory.Exists(given) ? WorkspaceMarkers.FindRoot(given) : null;
    }

    // `cybernode`, `cybernode store`: a command that only groups others prints its usage (exit 0), as docker does.
    private static void ShowHelpWhenNoSubcommandIsGiven(Command command)
    {
        if (command.Subcommands.Count == 0)
        {
            return;
        }

        command.Action ??= new UsageAction();
        foreach (var subcommand in command.Subcommands)
        {
            ShowHelpWhenNoSubcommandIsGiven(subcommand);
        }
    }

    // HelpAction itself would clear parse errors, so `cybernode biuld` would print usage instead of the typo.
    private sealed class UsageAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult) => new HelpAction().Invoke(parseResult);
    }
}
