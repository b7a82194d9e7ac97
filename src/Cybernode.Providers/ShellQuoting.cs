using System.Buffers;

namespace Cybernode.Providers;

public static class ShellQuoting
{
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@%+,");

    /// <summary>Quotes a word for a POSIX shell only when it needs it: single quotes, with ' written as '\''.</summary>
    public static string Quote(string word)
    {
        if (word.Length > 0 && !word.AsSpan().ContainsAnyExcept(Plain) && word[0] != '=')
        {
            return word;
        }

        return "'" + word.Replace("'", "'\\''") + "'";
    }
}
