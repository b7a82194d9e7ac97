using Cybernode.Dockerfile.Expansion;

namespace Cybernode.Dockerfile.Tests.Expansion;

public sealed class ShellLexerTests
{
    private static readonly ShellLexer Lexer = new();

    private static Dictionary<string, string> Env(params string[] entries) =>
        entries.Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    [Theory]
    [InlineData("${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}", "xxx  ccc")]
    [InlineData("${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}", "xxx bbb ccc")]
    [InlineData("${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}", "aaa bbb ")]
    [InlineData("${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}", "aaa  ")]
    public void Colon_forms_treat_an_empty_value_as_unset_and_plain_forms_do_not(string word, string expected)
    {
        var expansion = Lexer.ProcessWordWithMatches(word, Env("FOO=xxx", "BAR="));

        expansion.Result.ShouldBe(expected);
        expansion.Matched.ShouldBe(["FOO", "BAR"], ignoreOrder: true);
        expansion.Unmatched.ShouldBe(["BAZ"]);
    }

    [Fact]
    public void A_word_without_variables_reports_no_names()
    {
        var expansion = Lexer.ProcessWordWithMatches("plain", Env("A=b"));

        expansion.Result.ShouldBe("plain");
        expansion.Matched.ShouldBeEmpty();
        expansion.Unmatched.ShouldBeEmpty();
    }

    [Fact]
    public void Names_inside_defaults_are_tracked_too()
    {
        var expansion = Lexer.ProcessWordWithMatches("${A:-${B}}$C", Env("B=x"));

        expansion.Result.ShouldBe("x");
        expansion.Matched.ShouldBe(["B"]);
        expansion.Unmatched.ShouldBe(["A", "C"], ignoreOrder: true);
    }

    [Fact]
    public void Tracking_works_with_a_read_only_dictionary_that_is_not_a_Dictionary()
    {
        var env = new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(Env("V=1"));

        var expansion = Lexer.ProcessWordWithMatches("$V$W", env);

        expansion.Result.ShouldBe("1");
        expansion.Matched.ShouldBe(["V"]);
        expansion.Unmatched.ShouldBe(["W"]);
    }

    [Theory]
    [InlineData("${VAR:?message here$ARG}", "VAR=plain", "plain")]
    [InlineData("${VAR?message here$ARG}", "VAR=plain", "plain")]
    [InlineData("${VAR?message here$ARG}", "VAR=", "")]
    public void Required_variable_that_is_present_expands_to_its_value(string word, string entry, string expected) =>
        Lexer.ProcessWord(word, Env(entry, "ARG=x")).ShouldBe(expected);

    [Theory]
    [InlineData("${VAR:?message here$ARG}", "VAR=", "VAR: message herex")]
    [InlineData("${VAR:?message here$ARG}", "OTHER=", "VAR: message herex")]
    [InlineData("${VAR?message here$ARG}", "OTHER=", "VAR: message herex")]
    [InlineData("${VAR?}", "OTHER=", "VAR: is not allowed to be unset")]
    [InlineData("${VAR:?}", "VAR=", "VAR: is not allowed to be empty")]
    public void Required_variable_that_is_missing_fails_with_the_given_message(string word, string entry, string reason)
    {
        var error = Should.Throw<WordExpansionException>(() => Lexer.ProcessWord(word, Env(entry, "ARG=x")));

        error.Reason.ShouldBe(reason);
        error.Word.ShouldBe(word);
        error.Message.ShouldContain(reason);
    }

    [Theory]
    [InlineData("${FOO#()[]{\\}^$.\\*\\?|\\\\}", "()[]{}^$.*?|\\x", "x")]
    [InlineData("${FOO%%\\**}", "xx**", "xx")]
    [InlineData("${FOO#*x*y}", "xxyy", "y")]
    [InlineData("${FOO#*}", "xxyy", "xxyy")]
    [InlineData("${FOO#}", "xxyy", "xxyy")]
    [InlineData("${FOO##*x}", "xxyy", "yy")]
    [InlineData("${FOO##}", "xxyy", "xxyy")]
    [InlineData("${FOO#?\\?}", "???y", "?y")]
    [InlineData("${FOO%%\\**\\*}", "a***yy*", "a")]
    [InlineData("${FOO%}", "xxyy", "xxyy")]
    [InlineData("${FOO%y*}", "xxyy", "xxy")]
    [InlineData("${FOO%%y*}", "xxyy", "xx")]
    [InlineData("${FOO##*/}", "/usr/local/bin", "bin")]
    [InlineData("${FOO#*/}", "/usr/local/bin", "usr/local/bin")]
    [InlineData("${FOO%/*}", "/usr/local/bin", "/usr/local")]
    [InlineData("${FOO%%/*}", "usr/local/bin", "usr")]
    [InlineData("${FOO%.tar.*}", "app-1.0.tar.gz", "app-1.0")]
    [InlineData("${FOO#??}", "한국어", "어")]
    [InlineData("${FOO%?}", "a👽", "a")]
    public void Prefix_and_suffix_removal_use_shortest_or_longest_glob_matches(string word, string value, string expected) =>
        Lexer.ProcessWord(word, Env("FOO=" + value)).ShouldBe(expected);

    [Theory]
    [InlineData("${FOO#$BAR}", "xxyy", "x", "xyy")]
    [InlineData("${FOO#$BAR}", "xxyy", "", "xxyy")]
    [InlineData("${FOO%%$BAR}", "xxyy", "", "xxyy")]
    public void Patterns_can_come_from_variables(string word, string foo, string bar, string expected) =>
        Lexer.ProcessWord(word, Env("FOO=" + foo, "BAR=" + bar)).ShouldBe(expected);

    [Theory]
    [InlineData("${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}", "/foo*/*/*.txt", "\\*/", "", "/foo.*/*.txt - /foo..*.txt")]
    [InlineData("${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}", "/tmp/tmp/bar.txt", "/tmp", "", "/tmp/bar.txt - /bar.txt")]
    [InlineData("${FOO/$NEEDLE/$R} - ${FOO//$NEEDLE/$R}", "/a/foo/b/c.txt", "/?/", "/", "/foo/b/c.txt - /foo/c.txt")]
    [InlineData("${FOO/$NEEDLE/$R}", "http://google.de", "http://", "https://", "https://google.de")]
    [InlineData("${FOO//\\//\\/}", "/tmp/foo.txt", "", "", "\\/tmp\\/foo.txt")]
    [InlineData("${FOO/$NEEDLE/ww}", "xxyy", "", "", "wwxxyy")]
    [InlineData("${FOO///}", "xxyy", "", "", "xxyy")]
    [InlineData("${FOO//o/0}", "foo boo", "", "", "f00 b00")]
    [InlineData("${FOO/o*/X}", "foo boo", "", "", "fX")]
    [InlineData("${FOO//*/X}", "abc", "", "", "X")]
    [InlineData("${FOO///-}", "ab", "", "", "-a-b-")]
    [InlineData("${FOO////-}", "ab", "", "", "/-a/-b/-")]
    public void Substitution_replaces_the_first_or_every_match(string word, string foo, string needle, string replacement, string expected) =>
        Lexer.ProcessWord(word, Env("FOO=" + foo, "NEEDLE=" + needle, "R=" + replacement)).ShouldBe(expected);

    [Fact]
    public void Replace_all_reads_an_escaped_dollar_zero_as_the_match_because_go_expands_templates() =>
        Lexer.ProcessWord("${FOO//b/<\\$0>}", Env("FOO=abc")).ShouldBe("a<\\b>c");

    [Fact]
    public void Substitution_of_an_unset_variable_is_empty_and_reported()
    {
        var expansion = Lexer.ProcessWordWithMatches("${FOO///}", Env());

        expansion.Result.ShouldBeEmpty();
        expansion.Unmatched.ShouldBe(["FOO"]);
    }

    [Theory]
    [InlineData("${FOO//ww}")]
    [InlineData("${FOO//}")]
    [InlineData("${FOO=aaa}")]
    [InlineData("${FOO=:aaa}")]
    [InlineData("${FOO=}")]
    [InlineData("${FOO#\\x}")]
    [InlineData("${FOO%a\\.b}")]
    [InlineData("${FOO")]
    [InlineData("${FOO:")]
    [InlineData("'unterminated")]
    [InlineData("\"unterminated")]
    public void Malformed_words_are_rejected(string word) =>
        Should.Throw<WordExpansionException>(() => Lexer.ProcessWord(word, Env("FOO=xxyy")));

    [Theory]
    [InlineData("${FOO", "syntax error: missing '}'")]
    [InlineData("${}", "syntax error: bad substitution")]
    [InlineData("${FOO=x}", "unsupported modifier (=) in substitution")]
    [InlineData("${FOO:=x}", "unsupported modifier (:=) in substitution")]
    [InlineData("${FOO/x}", "syntax error: missing '/' in ${}")]
    [InlineData("'abc", "unexpected end of statement while looking for matching single-quote")]
    [InlineData("\"abc", "unexpected end of statement while looking for matching double-quote")]
    public void Errors_say_what_is_wrong(string word, string reason) =>
        Should.Throw<WordExpansionException>(() => Lexer.ProcessWord(word, Env())).Reason.ShouldBe(reason);

    [Fact]
    public void Nested_expansions_feed_the_release_file_name_convention()
    {
        const string Word = "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz";

        Lexer.ProcessWord(Word, Env("VERSION=v1.2.3", "TARGETOS=linux", "TARGETARCH=arm", "TARGETVARIANT=v7"))
            .ShouldBe("something-v1.2.3.linux-arm-v7.tar.gz");
        Lexer.ProcessWord(Word, Env("VERSION=v1.2.3", "TARGETOS=linux", "TARGETARCH=amd64"))
            .ShouldBe("something-v1.2.3.linux-amd64.tar.gz");
    }

    [Theory]
    [InlineData("$@", "at")]
    [InlineData("${1}", "one")]
    [InlineData("$10", "ten")]
    [InlineData("$#x", "hashx")]
    public void Special_parameters_expand_when_the_environment_happens_to_define_them(string word, string expected) =>
        Lexer.ProcessWord(word, Env("@=at", "1=one", "10=ten", "#=hash")).ShouldBe(expected);

    [Fact]
    public void Unicode_letters_belong_to_variable_names() =>
        Lexer.ProcessWord("$이름-${이름}", Env("이름=kim")).ShouldBe("kim-kim");

    [Fact]
    public void Default_values_are_split_into_words_even_when_quoted_inside() =>
        Lexer.ProcessWords("${X:-\"a b\"} c", Env()).ShouldBe(["a", "b", "c"]);

    [Fact]
    public void Empty_quotes_produce_no_word() =>
        Lexer.ProcessWords("a \"\" '' b", Env()).ShouldBe(["a", "b"]);

    [Fact]
    public void Process_word_keeps_white_space_that_process_words_splits_on()
    {
        var env = Env("V=x  y");

        Lexer.ProcessWord("a  $V", env).ShouldBe("a  x  y");
        Lexer.ProcessWords("a  $V", env).ShouldBe(["a", "x", "y"]);
    }

    [Fact]
    public void A_word_with_nothing_to_expand_is_returned_as_is()
    {
        const string Word = "/usr/local/bin";

        Lexer.ProcessWord(Word, Env()).ShouldBeSameAs(Word);
    }

    [Fact]
    public void The_lexer_gives_the_same_answers_from_many_threads()
    {
        var env = Env("A=1", "B=2");
        var results = new string[64];

        Parallel.For(0, results.Length, i => results[i] = Lexer.ProcessWord($"${{A}}-$B-{i}-\"q\"", env));

        results.Select((r, i) => r == $"1-2-{i}-q").ShouldAllBe(ok => ok);
    }
}
