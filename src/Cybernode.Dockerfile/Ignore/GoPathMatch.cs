using System.Buffers;
using System.Text;

namespace Cybernode.Dockerfile.Ignore;

/// <summary>
/// Go's <c>path/filepath.Match</c> on Unix, used for COPY and ADD source globs: <c>*</c> and <c>?</c>
/// never cross <c>/</c>, <c>[a-z]</c> and <c>[^a-z]</c> are classes (Go has no <c>[!...]</c> negation,
/// so <c>!</c> there is an ordinary member), and <c>\</c> escapes the next character.
/// Like Go it works on UTF-8 bytes, so a star may stop inside a multi-byte character.
/// </summary>
public static class GoPathMatch
{
    private const string BadPattern = "syntax error in pattern";
    private const int StackLimit = 512;

    /// <summary>Whether <paramref name="name"/> matches all of <paramref name="pattern"/>.</summary>
    /// <exception cref="InvalidPatternException">The pattern is malformed (an open class, a trailing escape, ...).</exception>
    public static bool Match(string pattern, string name)
    {
        var patternLength = Encoding.UTF8.GetByteCount(pattern);
        var nameLength = Encoding.UTF8.GetByteCount(name);
        byte[]? rented = null;
        var total = patternLength + nameLength;
        var buffer = total <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(total));
        try
        {
            var patternBytes = buffer[..patternLength];
            var nameBytes = buffer.Slice(patternLength, nameLength);
            Encoding.UTF8.GetBytes(pattern, patternBytes);
            Encoding.UTF8.GetBytes(name, nameBytes);
            return MatchBytes(patternBytes, nameBytes, pattern);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Whether the pattern has any of the characters Match treats specially (<c>* ? [ \</c>).</summary>
    public static bool HasMeta(string pattern) => pattern.AsSpan().IndexOfAny("*?[\\") >= 0;

    private static bool MatchBytes(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> name, string patternText)
    {
        while (pattern.Length > 0)
        {
            ScanChunk(pattern, out var star, out var chunk, out pattern);
            if (star && chunk.IsEmpty)
            {
                // A trailing star takes the rest of the name unless that has a separator.
                return name.IndexOf((byte)'/') < 0;
            }

            if (MatchChunk(chunk, name, out var rest, patternText) && (rest.IsEmpty || pattern.Length > 0))
            {
                name = rest;
                continue;
            }

            if (star && TrySkipToChunk(chunk, ref name, lastChunk: pattern.IsEmpty, patternText))
            {
                continue;
            }

            // Go reports a malformed remainder even when the name already failed to match.
            while (pattern.Length > 0)
            {
                ScanChunk(pattern, out _, out chunk, out pattern);
                MatchChunk(chunk, [], out _, patternText);
            }

            return false;
        }

        return name.IsEmpty;
    }

    private static bool TrySkipToChunk(ReadOnlySpan<byte> chunk, ref ReadOnlySpan<byte> name, bool lastChunk, string patternText)
    {
        for (var i = 0; i < name.Length && name[i] != '/'; i++)
        {
            if (MatchChunk(chunk, name[(i + 1)..], out var rest, patternText))
            {
                // The last chunk must use up the name; otherwise keep looking further along.
                if (lastChunk && rest.Length > 0)
                {
                    continue;
                }

                name = rest;
                return true;
            }
        }

        return false;
    }

    private static void ScanChunk(ReadOnlySpan<byte> pattern, out bool star, out ReadOnlySpan<byte> chunk, out ReadOnlySpan<byte> rest)
    {
        star = false;
        while (pattern.Length > 0 && pattern[0] == '*')
        {
            pattern = pattern[1..];
            star = true;
        }

        var inRange = false;
        var i = 0;
        for (; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 < pattern.Length)
                {
                    i++;
                }
            }
            else if (c == '[')
            {
                inRange = true;
            }
            else if (c == ']')
            {
                inRange = false;
            }
            else if (c == '*' && !inRange)
            {
                break;
            }
        }

        chunk = pattern[..i];
        rest = pattern[i..];
    }

    /// <summary>
    /// Matches a star-free chunk against the start of <paramref name="text"/>. After a mismatch the chunk
    /// is still parsed to the end, so a malformed pattern is reported whatever the name is.
    /// </summary>
    private static bool MatchChunk(ReadOnlySpan<byte> chunk, ReadOnlySpan<byte> text, out ReadOnlySpan<byte> rest, string patternText)
    {
        var failed = false;
        while (chunk.Length > 0)
        {
            failed |= text.IsEmpty;
            switch (chunk[0])
            {
                case (byte)'[':
                    var subject = 0;
                    if (!failed)
                    {
                        subject = DecodeRune(text, out var length);
                        text = text[length..];
                    }

                    chunk = chunk[1..];
                    var negated = chunk.Length > 0 && chunk[0] == '^';
                    if (negated)
                    {
                        chunk = chunk[1..];
                    }

                    var inClass = false;
                    for (var ranges = 0; ; ranges++)
                    {
                        if (chunk.Length > 0 && chunk[0] == ']' && ranges > 0)
                        {
                            chunk = chunk[1..];
                            break;
                        }

                        var low = ClassMember(ref chunk, patternText);
                        var high = low;
                        if (chunk[0] == '-')
                        {
                            chunk = chunk[1..];
                            high = ClassMember(ref chunk, patternText);
                        }

                        inClass |= low <= subject && subject <= high;
                    }

                    failed |= inClass == negated;
                    break;
                case (byte)'?':
                    if (!failed)
                    {
                        failed = text[0] == '/';
                        DecodeRune(text, out var length);
                        text = text[length..];
                    }

                    chunk = chunk[1..];
                    break;
                default:
                    if (chunk[0] == '\\')
                    {
                        chunk = chunk[1..];
                        if (chunk.IsEmpty)
                        {
                            throw new InvalidPatternException(patternText, BadPattern);
                        }
                    }

                    if (!failed)
                    {
                        failed = chunk[0] != text[0];
                        text = text[1..];
                    }

                    chunk = chunk[1..];
                    break;
            }
        }

        rest = failed ? default : text;
        return !failed;
    }

    /// <summary>Reads one possibly escaped class member; a class member must be followed by more of the class.</summary>
    private static int ClassMember(ref ReadOnlySpan<byte> chunk, string patternText)
    {
        if (chunk.IsEmpty || chunk[0] == '-' || chunk[0] == ']')
        {
            throw new InvalidPatternException(patternText, BadPattern);
        }

        if (chunk[0] == '\\')
        {
            chunk = chunk[1..];
            if (chunk.IsEmpty)
            {
                throw new InvalidPatternException(patternText, BadPattern);
            }
        }

        var member = DecodeRune(chunk, out var length);
        if (member == Rune.ReplacementChar.Value && length == 1)
        {
            throw new InvalidPatternException(patternText, BadPattern);
        }

        chunk = chunk[length..];
        if (chunk.IsEmpty)
        {
            throw new InvalidPatternException(patternText, BadPattern);
        }

        return member;
    }

    /// <summary>Decodes like Go's <c>utf8.DecodeRune</c>: an invalid byte is U+FFFD of length one.</summary>
    private static int DecodeRune(ReadOnlySpan<byte> bytes, out int length)
    {
        if (Rune.DecodeFromUtf8(bytes, out var rune, out length) != OperationStatus.Done)
        {
            length = 1;
            return Rune.ReplacementChar.Value;
        }

        return rune.Value;
    }
}
