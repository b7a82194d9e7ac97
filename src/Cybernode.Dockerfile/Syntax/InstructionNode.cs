namespace Cybernode.Dockerfile.Syntax;

/// <summary>One instruction as BuildKit's parser sees it, before any semantic checks.</summary>
/// <param name="Keyword">The instruction keyword in lower case.</param>
/// <param name="Flags">Leading <c>--name[=value]</c> flags, quotes and escapes already removed.</param>
/// <param name="Arguments">
/// The arguments as the conformance dump lists them: JSON elements one by one, shell form as one
/// string, ENV/LABEL as key, value, separator triples, HEALTHCHECK as type then command.
/// </param>
/// <param name="IsJsonForm">True when the arguments were a valid JSON array of strings.</param>
/// <param name="Original">The instruction text with continuation lines joined and comment lines dropped.</param>
/// <param name="StartLine">1-based first line.</param>
/// <param name="EndLine">1-based last line, including continuation and heredoc lines.</param>
/// <param name="Heredocs">Here-documents in the order they appear.</param>
/// <param name="Inner">The trigger instruction of an ONBUILD, otherwise null.</param>
public sealed record InstructionNode(
    string Keyword,
    IReadOnlyList<string> Flags,
    IReadOnlyList<string> Arguments,
    bool IsJsonForm,
    string Original,
    int StartLine,
    int EndLine,
    IReadOnlyList<Heredoc> Heredocs,
    InstructionNode? Inner)
{
    /// <summary>The keyword exactly as written, which the casing checks need.</summary>
    public string KeywordAsWritten
    {
        get
        {
            var text = Original.AsSpan().TrimStart();
            var end = 0;
            while (end < text.Length && !TextRules.IsKeywordSeparator(text[end]))
            {
                end++;
            }

            return text[..end].ToString();
        }
    }
}
