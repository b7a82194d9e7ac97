using Cybernode.Dockerfile.Expansion;

namespace Cybernode.Dockerfile.Tests.Expansion;

/// <summary>With <c># escape=`</c> the backtick escapes and the backslash is an ordinary character (Windows paths).</summary>
public sealed class BacktickEscapeTests
{
    private static readonly ShellLexer Lexer = new('`');

    private static readonly Dictionary<string, string> Env = new() { ["PWD"] = "/home", ["DIR"] = "C:\\app" };

    [Theory]
    [InlineData("he`$PWD", "he$PWD")]
    [InlineData("he``$PWD", "he`/home")]
    [InlineData("\"he`$PWD\"", "he$PWD")]
    [InlineData("\"he`\"x\"", "he\"x")]
    [InlineData("\"a`b\"", "a`b")]
    [InlineData("c:\\windows\\system32", "c:\\windows\\system32")]
    [InlineData("\"c:\\windows\\\"", "c:\\windows\\")]
    [InlineData("$DIR\\bin", "C:\\app\\bin")]
    [InlineData("hello`", "hello")]
    [InlineData("he`'llo", "he'llo")]
    [InlineData("'a`b'", "a`b")]
    [InlineData("${X:-`}}", "}")]
    public void The_backtick_escapes_and_the_backslash_is_literal(string word, string expected) =>
        Lexer.ProcessWord(word, Env).ShouldBe(expected);

    [Fact]
    public void An_escaped_space_stays_inside_the_word() =>
        Lexer.ProcessWords("a` b c", Env).ShouldBe(["a b", "c"]);

    [Fact]
    public void The_lexer_reports_its_escape_token() => Lexer.EscapeToken.ShouldBe('`');

    [Fact]
    public void A_backslash_before_a_quote_does_not_escape_it() =>
        Lexer.ProcessWord("\"abc\\\"", Env).ShouldBe("abc\\");

    [Fact]
    public void An_unterminated_quote_is_still_an_error() =>
        Should.Throw<WordExpansionException>(() => Lexer.ProcessWord("\"abc`\"", Env));
}
