using System.Buffers;
using System.Collections.Frozen;
using System.Text;

namespace Cybernode.Dockerfile.Expansion;

/// <summary>
/// Expands variables and removes quotes in Dockerfile words exactly as BuildKit's shell lexer does
/// (<c>frontend/dockerfile/shell/lex.go</c>): single and double quotes, the escape token,
/// <c>$v</c>, <c>${v}</c> and the modifiers <c>:- - :+ + :? ? # ## % %% / //</c>.
/// Positional and special parameters (<c>$1</c>, <c>$@</c>, <c>$#</c>, ...) are looked up like any
/// other name, so they expand to nothing unless the environment defines them.
/// Instances are immutable and safe to share between threads.
/// </summary>
public sealed class ShellLexer
{
    /// <summary>
    /// The longest word an expansion may make. Far beyond any real use (Linux passes no single
    /// environment string over 128 KiB to a program), it stops a few lines that each double their
    /// variables from taking all the memory.
    /// </summary>
    public const int MaxWordLength = 1024 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_cachedBuilder;

    private readonly SearchValues<char> _specialCharacters;

    public ShellLexer(char escapeToken = '\\')
    {
        EscapeToken = escapeToken;
        _specialCharacters = SearchValues.Create(['$', '\'', '"', escapeToken]);
    }

    /// <summary>The character that escapes the next one: <c>\</c> by default, <c>`</c> under <c># escape=`</c>.</summary>
    public char EscapeToken { get; }

    /// <summary>Expands one word, keeping white space between words as it is.</summary>
    /// <exception cref="WordExpansionException">The word is malformed or a <c>${v?msg}</c> check fails.</exception>
    public string ProcessWord(string word, IReadOnlyDictionary<string, string> env)
    {
        // Most words in a Dockerfile have nothing to expand; those cost nothing.
        if (!NeedsProcessing(word))
        {
            return word;
        }

        var builder = RentBuilder();
        var processor = new WordProcessor(word, EscapeToken, env, track: false);
        processor.Process(builder, words: null);
        return ReturnBuilder(builder);
    }

    /// <summary>
    /// Expands <paramref name="text"/> and splits it into words on unquoted white space, including
    /// white space that comes from variable values; quotes and escapes keep white space inside a word.
    /// </summary>
    /// <exception cref="WordExpansionException">The text is malformed or a <c>${v?msg}</c> check fails.</exception>
    public IReadOnlyList<string> ProcessWords(string text, IReadOnlyDictionary<string, string> env)
    {
        var builder = RentBuilder();
        var words = new ExpandedWords();
        var processor = new WordProcessor(text, EscapeToken, env, track: false);
        processor.Process(builder, words);
        ReturnBuilder(builder);
        return words.Finish();
    }

    /// <summary>Expands one word and reports which variable names it found in <paramref name="env"/> and which it did not.</summary>
    /// <exception cref="WordExpansionException">The word is malformed or a <c>${v?msg}</c> check fails.</exception>
    public WordExpansion ProcessWordWithMatches(string word, IReadOnlyDictionary<string, string> env)
    {
        if (!NeedsProcessing(word))
        {
            return new WordExpansion(word, FrozenSet<string>.Empty, FrozenSet<string>.Empty);
        }

        var builder = RentBuilder();
        var processor = new WordProcessor(word, EscapeToken, env, track: true);
        processor.Process(builder, words: null);
        return new WordExpansion(
            ReturnBuilder(builder),
            processor.Matched ?? (IReadOnlySet<string>)FrozenSet<string>.Empty,
            processor.Unmatched ?? (IReadOnlySet<string>)FrozenSet<string>.Empty);
    }

    private bool NeedsProcessing(string word) => word.AsSpan().ContainsAny(_specialCharacters);

    private static StringBuilder RentBuilder()
    {
        var builder = t_cachedBuilder ?? new StringBuilder(256);
        t_cachedBuilder = null;
        return builder;
    }

    private static string ReturnBuilder(StringBuilder builder)
    {
        var result = builder.ToString();
        // Very long words would pin a large buffer per thread; let those go.
        if (builder.Capacity <= 4096)
        {
            builder.Clear();
            t_cachedBuilder = builder;
        }

        return result;
    }
}
