using System.CommandLine;

namespace Cybernode.Cli.Commands;

/// <summary><c>cybernode help [COMMAND...]</c>: the same text as <c>cybernode COMMAND... --help</c>, as git and docker offer it.</summary>
public static class HelpCommand
{
    public static Command Create(RootCommand root)
    {
        var words = new Argument<string[]>("COMMAND") { Description = "The command to explain, e.g. build or store gc", Arity = ArgumentArity.ZeroOrMore };
        words.CompletionSources.Add(_ => root.Subcommands.Where(c => !c.Hidden).Select(c => new System.CommandLine.Completions.CompletionItem(c.Name)));
        var command = new Command("help", "Show the help of cybernode or of a command") { words };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(words) ?? [];
            Command current = root;
            var walked = "cybernode";
            foreach (var word in path)
            {
                var next = current.Subcommands.FirstOrDefault(c => c.Name == word || c.Aliases.Contains(word));
                if (next is null)
                {
                    Console.Error.WriteLine($"cybernode: {UsageErrors.UnknownCommand(current, walked, word)}");
                    Console.Error.WriteLine($"see: {walked} --help");
                    return ExitCodes.Usage;
                }

                current = next;
                walked += " " + word;
            }

            return root.Parse([.. path, "--help"]).Invoke();
        });
        return command;
    }
}
