namespace Cybernode.Providers;

/// <summary>One command line: a program and its arguments, kept as a list and quoted only to be shown.</summary>
public sealed record EngineCommand(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>Something the arguments cannot say, shown after them as a shell comment.</summary>
    public string? Note { get; init; }

    /// <summary>A step that runs no command, such as cybernode's own in-process assembly; shown as a comment.</summary>
    public static EngineCommand Comment(string note) => new("", []) { Note = note };

    /// <summary>The line to paste into a POSIX shell.</summary>
    public string ShellText
    {
        get
        {
            if (Program.Length == 0)
            {
                return $"# {Note}";
            }

            var line = string.Join(' ', Arguments.Prepend(Program).Select(ShellQuoting.Quote));
            return Note is null ? line : $"{line}  # {Note}";
        }
    }

    public override string ToString() => ShellText;
}
