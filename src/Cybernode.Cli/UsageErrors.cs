using System.CommandLine;
using System.CommandLine.Parsing;
using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Cli;

/// <summary>
/// What is wrong with a command line, as git and docker say it: one line per mistake, a mistyped
/// command or option answered with the nearest real one, and the help of the command in question.
/// </summary>
public static class UsageErrors
{
    /// <summary>The mistakes of <paramref name="parse"/>, worded for the user; empty when the command line is right.</summary>
    public static IReadOnlyList<string> Describe(ParseResult parse, string[] args)
    {
        // [suggest] (shell completion) and --help answer any command line, right or wrong.
        if (parse.Action?.ClearsParseErrors == true)
        {
            return [];
        }

        var command = parse.CommandResult.Command;
        var path = CommandPath(parse.CommandResult);
        var unknown = parse.UnmatchedTokens.Concat(OptionsTakenAsArguments(parse, args)).Distinct().ToList();
        if (command.Subcommands.Count > 0 && unknown.FirstOrDefault(word => !word.StartsWith('-')) is { } word)
        {
            // One mistyped command word explains every error after it, as with git.
            return [UnknownCommand(command, path, word)];
        }

        // A mistyped option also shifts the words after it into the wrong places: it alone is the error.
        var unknownOptions = unknown.Where(token => token.StartsWith('-')).ToList();
        return unknownOptions.Count > 0
            ? [.. unknownOptions.Select(token => UnknownOption(command, path, token))]
            : [.. parse.Errors.Select(error => error.Message)];
    }

    /// <summary>"cybernode", "cybernode build", "cybernode store gc": the command as the user types it.</summary>
    public static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult command)
            {
                names.Insert(0, command.Parent is null ? "cybernode" : command.Command.Name);
            }
        }

        return string.Join(' ', names);
    }

    public static string UnknownCommand(Command parent, string path, string word)
    {
        var names = parent.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name));
        return Suggestion.WithHint($"'{word}' is not a {path} command", Suggestion.Closest(word, names, caseSensitive: true, swapCostsOne: true));
    }

    private static string UnknownOption(Command command, string path, string token)
    {
        var names = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name));
        return Suggestion.WithHint($"{path} has no option '{token}'", Suggestion.Closest(token, names, caseSensitive: true, swapCostsOne: true));
    }

    // System.CommandLine hands a token it does not know as an option to a free argument slot, so
    // `build --frobnicate` would try to build the folder "--frobnicate". A value starting with '-'
    // is taken as an argument only after "--".
    private static IEnumerable<string> OptionsTakenAsArguments(ParseResult parse, string[] args) =>
        args.Contains("--")
            ? []
            : parse.CommandResult.Children.OfType<ArgumentResult>()
                .SelectMany(argument => argument.Tokens)
                .Select(token => token.Value)
                .Where(value => value.Length > 1 && value[0] == '-');
}
