using System.Diagnostics.CodeAnalysis;

namespace Cybernode.Build;

/// <summary>
/// A mistake the user can fix: bad input, a missing file, an impossible request. Carries where it
/// is (file and line) and what to do, and is printed as one line, never as a stack trace.
/// </summary>
[SuppressMessage("Naming", "CA1710", Justification = "It is the one error kind users see; 'UserError' says so.")]
public sealed class UserError(string message, string? file = null, int? line = null, string? hint = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>Column of the mistake on its line, when known.</summary>
    public int? Column { get; init; }

    /// <summary>The offending line as written, shown under the message.</summary>
    public string? Excerpt { get; init; }

    public string? File { get; } = file;

    public int? Line { get; } = line;

    public string? Hint { get; } = hint;

    /// <summary>
    /// <c>PATH:LINE[:COL]: message</c>, then the offending line and the hint on lines of their own,
    /// cut to a readable length with control bytes escaped (<see cref="ReadableText"/>).
    /// </summary>
    public string Describe() => ReadableText.Limit(Compose());

    private string Compose()
    {
        // A path may hold a newline (a folder named so); the location must stay on the first line.
        var file = File is null ? null : ReadableText.SingleLine(File);
        var where = file is null ? "" : Line is null ? $"{file}: " : Column is null ? $"{file}:{Line}: " : $"{file}:{Line}:{Column}: ";
        var text = where + Message;
        if (!string.IsNullOrEmpty(Excerpt))
        {
            text += "\n  " + Excerpt;
        }

        return Hint is null ? text : $"{text}\nhint: {Hint}";
    }
}
