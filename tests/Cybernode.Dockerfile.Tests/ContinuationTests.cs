namespace Cybernode.Dockerfile.Tests;

public class ContinuationTests
{
    [Fact]
    public void Comment_lines_inside_a_continuation_are_dropped()
    {
        Parse.Dump("FROM x\nRUN apt-get update \\\n  # refresh first\n    # and again\n  && apt-get install -y curl\n")
            .ShouldBe("(from \"x\")\n(run \"apt-get update   && apt-get install -y curl\")\n");
    }

    [Fact]
    public void Blank_line_inside_a_continuation_is_joined_over_with_a_warning()
    {
        var ast = Parse.Ast("FROM x\nEXPOSE \\\n\n80\n");

        Parse.Dump("FROM x\nEXPOSE \\\n\n80\n").ShouldBe("(from \"x\")\n(expose \"80\")\n");
        ast.Warnings.ShouldHaveSingleItem().ShouldBe(new Syntax.ParseWarning("Empty continuation line found in: EXPOSE 80", 4));
    }

    [Fact]
    public void Comment_ending_in_a_backslash_does_not_continue()
    {
        Parse.Dump("FROM x\n# note \\\nRUN a\n").ShouldBe("(from \"x\")\n(run \"a\")\n");
    }

    [Fact]
    public void Escaped_escape_character_at_the_end_of_a_line_does_not_continue()
    {
        Parse.Dump("FROM x\nENV C a\\\\\nENV D b\n").ShouldBe("(from \"x\")\n(env \"C\" \"a\\\\\\\\\" \"\")\n(env \"D\" \"b\" \"\")\n");
    }

    [Fact]
    public void Blanks_after_the_continuation_character_are_ignored()
    {
        Parse.Dump("FROM x\nRUN a \\  \t\n b\n").ShouldBe("(from \"x\")\n(run \"a  b\")\n");
    }

    [Fact]
    public void Continuation_lines_keep_their_indentation()
    {
        // BuildKit's continueIndent test file.
        var text = "FROM ubuntu:14.04\n\nRUN echo hello\\\n  world\\\n  goodnight  \\\n  moon\\\n  light\\\nning\n"
            + "RUN echo hello  \\\n  world\nRUN echo hello  \\\nworld\nRUN echo hello \\\ngoodbye\\\nfrog\n"
            + "RUN echo hello  \\  \nworld\nRUN echo hi \\\n \\\n world \\\n\\\n good\\\n\\\nnight\n"
            + "RUN echo goodbye\\\nfrog\nRUN echo good\\\nbye\\\nfrog\n\n"
            + "RUN echo hello \\\n# this is a comment\n\n# this is a comment with a blank line surrounding it\n\nthis is some more useful stuff\n";

        Parse.Dump(text).ShouldBe(
            "(from \"ubuntu:14.04\")\n(run \"echo hello  world  goodnight    moon  lightning\")\n"
            + "(run \"echo hello    world\")\n(run \"echo hello  world\")\n(run \"echo hello goodbyefrog\")\n"
            + "(run \"echo hello  world\")\n(run \"echo hi   world  goodnight\")\n(run \"echo goodbyefrog\")\n"
            + "(run \"echo goodbyefrog\")\n(run \"echo hello this is some more useful stuff\")\n");
    }

    [Fact]
    public void Escapes_are_kept_in_arguments_as_written()
    {
        // BuildKit's escapes test file.
        var text = "FROM ubuntu:14.04\nLABEL maintainer Erik \\\\Hollensbe <erik@hollensbe.org>\\\"\n\n"
            + "RUN apt-get \\update && \\\n  apt-get \\\"install znc -y\nADD \\conf\\\\\" /.znc\n\n"
            + "RUN foo \\\n\nbar \\\n  baz\n\nCMD [ \"\\/usr\\\\\\\"/bin/znc\", \"-f\", \"-r\" ]\n";

        Parse.Dump(text).ShouldBe(
            "(from \"ubuntu:14.04\")\n(label \"maintainer\" \"Erik \\\\\\\\Hollensbe <erik@hollensbe.org>\\\\\\\"\" \"\")\n"
            + "(run \"apt-get \\\\update &&   apt-get \\\\\\\"install znc -y\")\n(add \"\\\\conf\\\\\\\\\\\"\" \"/.znc\")\n"
            + "(run \"foo bar   baz\")\n(cmd \"/usr\\\\\\\"/bin/znc\" \"-f\" \"-r\")\n");
    }

    [Fact]
    public void Windows_line_endings_are_removed()
    {
        Parse.Dump("FROM x\r\nRUN a \\\r\n  b\r\n").ShouldBe("(from \"x\")\n(run \"a   b\")\n");
    }
}
