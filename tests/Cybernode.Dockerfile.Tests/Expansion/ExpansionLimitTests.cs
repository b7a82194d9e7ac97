using Cybernode.Dockerfile.Expansion;

namespace Cybernode.Dockerfile.Tests.Expansion;

/// <summary>An expansion that would make a word larger than <see cref="ShellLexer.MaxWordLength"/> is refused while it grows.</summary>
public sealed class ExpansionLimitTests
{
    private static readonly ShellLexer Lexer = new();

    [Fact]
    public void A_variable_doubled_line_after_line_is_refused_once_a_word_passes_the_limit()
    {
        // The bomb of the issue: each line repeats the previous variable, so sizes multiply.
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["A0"] = "xxxxxxxxxx" };
        var error = Should.Throw<WordExpansionException>(() =>
        {
            for (var n = 1; n <= 11; n++)
            {
                env[$"A{n}"] = Lexer.ProcessWord(string.Concat(Enumerable.Repeat($"$A{n - 1}", 10)), env);
            }
        });

        error.Reason.ShouldContain("longer than 1 Mi characters");
        env.Values.ShouldAllBe(value => value.Length <= ShellLexer.MaxWordLength);
    }

    [Fact]
    public void A_word_just_under_the_limit_expands()
    {
        var half = new string('x', ShellLexer.MaxWordLength / 2);
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["H"] = half };

        Lexer.ProcessWord("$H$H", env).Length.ShouldBe(ShellLexer.MaxWordLength);
        Should.Throw<WordExpansionException>(() => Lexer.ProcessWord("$H$H$H", env));
        Should.Throw<WordExpansionException>(() => Lexer.ProcessWord("\"$H${H}x$H\"", env));
    }

    [Theory]
    [InlineData("${V//?/\\$0\\$0\\$0\\$0\\$0\\$0\\$0\\$0}")]
    [InlineData("${V//?/$R}")]
    [InlineData("${U:-$V$V$V$V$V$V$V$V$V$V$V$V}")]
    public void A_replacement_or_default_that_multiplies_sizes_is_refused(string word)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["V"] = new string('v', 200_000),
            ["R"] = new string('r', 100),
        };

        var error = Should.Throw<WordExpansionException>(() => Lexer.ProcessWord(word, env));

        error.Reason.ShouldContain("longer than");
    }

    [Fact]
    public void Words_split_from_a_large_expansion_are_bounded_too()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["P"] = string.Join(' ', Enumerable.Repeat("80", 400_000)) };

        Should.Throw<WordExpansionException>(() => Lexer.ProcessWords("$P $P", env));
    }
}
