namespace Cybernode.Dockerfile.Expansion;

/// <summary>
/// Raised when a word cannot be expanded: unterminated quotes, a malformed <c>${...}</c>,
/// an invalid substitution pattern, or a <c>${name?message}</c> whose variable is unset.
/// </summary>
public sealed class WordExpansionException : Exception
{
    public WordExpansionException(string word, string reason)
        : base($"failed to process \"{word}\": {reason}")
    {
        Word = word;
        Reason = reason;
    }

    /// <summary>The word as it was given to the lexer.</summary>
    public string Word { get; }

    /// <summary>What went wrong, without the word; for <c>${v:?msg}</c> this is <c>v: msg</c>.</summary>
    public string Reason { get; }
}
