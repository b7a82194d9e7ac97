namespace Cybernode.Dockerfile.Tests;

public class ParserDirectiveTests
{
    [Fact]
    public void Backtick_escape_directive_makes_backtick_the_line_continuation()
    {
        var ast = Parse.Ast("# escape=`\nFROM x\nRUN dir c:\\ `\n  && echo done\n");

        ast.EscapeToken.ShouldBe('`');
        Parse.Dump("# escape=`\nFROM x\nRUN dir c:\\ `\n  && echo done\n")
            .ShouldBe("(from \"x\")\n(run \"dir c:\\\\   && echo done\")\n");
    }

    [Fact]
    public void Directives_are_recorded_with_lower_case_names_trimmed_values_and_lines()
    {
        var ast = Parse.Ast("# Syntax = docker/dockerfile:1.7 \n#check=skip=JSONArgsRecommended\n#  escape=\\\nFROM x\n");

        ast.Directives.Select(d => (d.Name, d.Value, d.Line)).ShouldBe(
        [
            ("syntax", "docker/dockerfile:1.7", 1),
            ("check", "skip=JSONArgsRecommended", 2),
            ("escape", "\\", 3),
        ]);
    }

    [Fact]
    public void Directive_after_a_comment_is_an_ordinary_comment()
    {
        var ast = Parse.Ast("# a comment\n# escape=`\nFROM x\nENV P \\\n\\go\n");

        ast.EscapeToken.ShouldBe('\\');
        ast.Directives.ShouldBeEmpty();
        Parse.Dump("# a comment\n# escape=`\nFROM x\nENV P \\\n\\go\n").ShouldBe("(from \"x\")\n(env \"P\" \"\\\\go\" \"\")\n");
    }

    [Fact]
    public void Directive_after_a_blank_line_or_an_instruction_is_ignored()
    {
        Parse.Ast("\n# escape=`\nFROM x\n").EscapeToken.ShouldBe('\\');
        Parse.Ast("FROM x\n# escape=`\nRUN a\n").Directives.ShouldBeEmpty();
    }

    [Fact]
    public void Unknown_directive_ends_the_directive_block()
    {
        var ast = Parse.Ast("# foo=bar\n# escape=`\nFROM x\n");

        ast.Directives.ShouldBeEmpty();
        ast.EscapeToken.ShouldBe('\\');
    }

    [Fact]
    public void Byte_order_mark_before_a_directive_is_ignored()
    {
        Parse.Ast("\uFEFF# escape=`\nFROM x\n").EscapeToken.ShouldBe('`');
    }

    [Fact]
    public void Repeated_directive_is_rejected_at_its_line()
    {
        var error = Parse.Error("# escape=`\n# escape=\\\nFROM x\n");

        error.Line.ShouldBe(2);
        error.Reason.ShouldBe("only one escape parser directive can be used");
    }

    [Fact]
    public void Escape_directive_other_than_backslash_or_backtick_is_rejected()
    {
        var error = Parse.Error("# escape=x\nFROM x\n");

        error.Line.ShouldBe(1);
        error.Reason.ShouldBe("invalid escape token 'x' does not match ` or \\");
        Parse.Error("# escape=  \nFROM x\n").Reason.ShouldBe("invalid escape token ' ' does not match ` or \\");
    }
}
