using Spectre.Console;

namespace Cybernode.Cli.Output.Progress;

/// <summary>The console the live view draws on: colours unless NO_COLOR is set (https://no-color.org), escape codes only where the terminal takes them.</summary>
public static class ProgressConsole
{
    public static IAnsiConsole Create(TextWriter writer, string? noColor) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        // Spectre asks TERM: "dumb" or a redirected stream gets no escape codes at all.
        Ansi = AnsiSupport.Detect,
        // no-color.org: set and not empty.
        ColorSystem = string.IsNullOrEmpty(noColor) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });
}
