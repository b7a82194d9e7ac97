namespace Cybernode.Dockerfile.Syntax;

/// <summary>
/// Peels the leading <c>--flag[=value]</c> words off an instruction's arguments. Quotes and
/// backslashes inside a flag are processed (always with <c>\</c>, whatever the escape directive
/// says, as BuildKit does); a bare <c>--</c> ends the flags.
/// </summary>
internal static class FlagExtractor
{
    public static List<string> Extract(string line, out string rest)
    {
        var flags = new List<string>();
        var scanner = new WordScanner(line, '\\', keepQuoting: false, escapesInSingleQuotes: true);
        while (scanner.SkipBlanks())
        {
            if (!scanner.StartsWith("--"))
            {
                rest = line[scanner.Position..];
                return flags;
            }

            var word = scanner.ReadWord();
            if (word == "--")
            {
                rest = line[scanner.Position..];
                return flags;
            }

            // A word that starts with "--" is never empty, so never null.
            flags.Add(word!);
        }

        rest = string.Empty;
        return flags;
    }
}
