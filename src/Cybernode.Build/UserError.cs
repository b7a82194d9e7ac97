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
    public string? File { get; } = file;

    public int? Line { get; } = line;

    public string? Hint { get; } = hint;

    /// <summary><c>PATH:LINE: message</c>, then the hint on its own line.</summary>
    public string Describe()
    {
        var where = File is null ? "" : Line is null ? $"{File}: " : $"{File}:{Line}: ";
        return Hint is null ? where + Message : $"{where}{Message}\nhint: {Hint}";
    }
}
