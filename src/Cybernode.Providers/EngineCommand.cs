namespace Cybernode.Providers;

/// <summary>One command line: a program and its arguments, kept as a list and quoted only to be shown.</summary>
public sealed record EngineCommand(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>Something the arguments cannot say, shown after them as a shell comment.</summary>
    public string? Note { get; init; }

    /// <summary>A step that runs no command, such as cybernode's own in-process assembly; shown as a comment.</summary>
    public static EngineCommand Comment(string note) => new("", []) { Note = note };

    /// <summary>The command alone, quoted for a POSIX shell; null for a comment.</summary>
    public string? CommandText => Program.Length == 0 ? null : string.Join(' ', Arguments.Prepend(Program).Select(ShellQuoting.Quote));

    /// <summary>The line to paste into a POSIX shell, the note as a comment after the command.</summary>
    public string ShellText => (CommandText, Note) switch
    {
        (null, _) => $"# {Note}",
        (var line, null) => line,
        var (line, note) => $"{line}  # {note}",
    };

    public override string ToString() => ShellText;
}
