namespace Cybernode.Dockerfile.Tests;

public class ArgumentFormTests
{
    [Theory]
    [InlineData("CMD ['echo', 'single quotes are invalid JSON']", "(cmd \"['echo', 'single quotes are invalid JSON']\")")]
    [InlineData("CMD [\"echo\", \"unterminated]", "(cmd \"[\\\"echo\\\", \\\"unterminated]\")")]
    [InlineData("CMD [\"a\",]", "(cmd \"[\\\"a\\\",]\")")]
    [InlineData("CMD [\"a\"] trailing", "(cmd \"[\\\"a\\\"] trailing\")")]
    [InlineData("CMD [1e400]", "(cmd \"[1e400]\")")]
    public void Invalid_json_falls_back_to_shell_form(string line, string dump)
    {
        Parse.Dump(line + "\n").ShouldBe(dump + "\n");
    }

    [Fact]
    public void Json_escapes_and_surrogate_pairs_are_decoded()
    {
        Parse.Dump("CMD [\"\\ud83d\\ude00\", \"\\u00e9\\t\"]\n").ShouldBe("(cmd \"😀\" \"é\\t\")\n");
    }

    [Fact]
    public void Keywords_are_case_insensitive_and_dump_in_lower_case()
    {
        Parse.Dump("from x AS Build\nRuN echo\nCoPy a b\n").ShouldBe("(from \"x\" \"AS\" \"Build\")\n(run \"echo\")\n(copy \"a\" \"b\")\n");
    }

    [Fact]
    public void Flag_values_lose_their_quotes_and_stop_at_double_dash()
    {
        Parse.Dump("COPY --chown=\"a b\" --link -- --not-a-flag /d\n")
            .ShouldBe("(copy [\"--chown=a b\" \"--link\"] \"--not-a-flag\" \"/d\")\n");
    }

    [Fact]
    public void Arg_words_keep_quotes_and_equals_signs()
    {
        Parse.Dump("ARG A=\"x y\" B\n").ShouldBe("(arg \"A=\\\"x y\\\"\" \"B\")\n");
    }

    [Fact]
    public void Healthcheck_splits_type_from_command()
    {
        // BuildKit's health test file.
        var text = "FROM debian\nADD check.sh main.sh /app/\nCMD /app/main.sh\nHEALTHCHECK\n"
            + "HEALTHCHECK --interval=5s --timeout=3s --retries=3 \\\n  CMD /app/check.sh --quiet\nHEALTHCHECK CMD\n"
            + "HEALTHCHECK   CMD   a b\nHEALTHCHECK --timeout=3s CMD [\"foo\"]\nHEALTHCHECK CONNECT TCP 7000\n";

        Parse.Dump(text).ShouldBe(
            "(from \"debian\")\n(add \"check.sh\" \"main.sh\" \"/app/\")\n(cmd \"/app/main.sh\")\n(healthcheck)\n"
            + "(healthcheck [\"--interval=5s\" \"--timeout=3s\" \"--retries=3\"] \"CMD\" \"/app/check.sh --quiet\")\n"
            + "(healthcheck \"CMD\")\n(healthcheck \"CMD\" \"a b\")\n(healthcheck [\"--timeout=3s\"] \"CMD\" \"foo\")\n"
            + "(healthcheck \"CONNECT\" \"TCP 7000\")\n");
    }

    [Fact]
    public void Control_and_non_printable_characters_dump_with_go_escapes()
    {
        Parse.Dump("LABEL a=\u0001\u007f\u00ad\u200b\U0001F600\n").ShouldBe("(label \"a\" \"\\x01\\x7f\\u00ad\\u200b😀\" \"=\")\n");
    }
}
