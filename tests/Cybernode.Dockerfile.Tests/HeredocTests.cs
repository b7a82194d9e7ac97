using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Tests;

public class HeredocTests
{
    private static InstructionNode Second(string text) => Parse.Ast("FROM x\n" + text).Instructions[1];

    [Fact]
    public void Run_heredoc_body_is_read_up_to_its_terminator()
    {
        var node = Second("RUN <<EOF\necho hello\n# not a comment here\nEOF\nRUN after\n");

        node.Arguments.ShouldBe(["<<EOF"]);
        node.Heredocs.ShouldBe([new Heredoc("EOF", "echo hello\n# not a comment here\n", Expand: true, Chomp: false)]);
    }

    [Fact]
    public void Dash_heredoc_accepts_a_tab_indented_terminator_and_keeps_the_body_tabs()
    {
        var node = Second("RUN <<-EOT\n\tbaz\n\tquux\n\tEOT\n");

        node.Heredocs.ShouldBe([new Heredoc("EOT", "\tbaz\n\tquux\n", Expand: true, Chomp: true)]);
    }

    [Theory]
    [InlineData("<<'EOF'", "EOF", false)]
    [InlineData("<<\"EOF\"", "EOF", false)]
    [InlineData("<<eo'f'", "eof", false)]
    [InlineData("<<eo\\'f", "eo'f", true)]
    [InlineData("<<'e'o\\'f", "eo'f", false)]
    [InlineData("<<'one two'", "one two", false)]
    [InlineData("<<$EOF", "$EOF", true)]
    [InlineData("<<  EOF", "EOF", true)]
    [InlineData("3<<EOF", "EOF", true)]
    public void Quoting_any_part_of_the_delimiter_turns_expansion_off(string marker, string name, bool expand)
    {
        var node = Second($"RUN {marker}\nbody\n{name}\n");

        node.Heredocs.ShouldHaveSingleItem().ShouldBe(new Heredoc(name, "body\n", expand, Chomp: false));
    }

    [Fact]
    public void Several_heredocs_on_one_line_are_read_in_order()
    {
        var node = Second("COPY <<X <<Y /dest\nY\nX\nX\nY\n");

        node.Heredocs.ShouldBe([new Heredoc("X", "Y\n", true, false), new Heredoc("Y", "X\n", true, false)]);
        node.EndLine.ShouldBe(6);
    }

    [Theory]
    [InlineData("RUN [\"<<EOF\"]\n")]
    [InlineData("RUN \"<<EOF\"\n")]
    [InlineData("RUN '<<EOF'\n")]
    [InlineData("USER <<EOF\n")]
    [InlineData("RUN cat <<\n")]
    public void Heredoc_markers_only_count_unquoted_in_shell_form_run_copy_and_add(string line)
    {
        var ast = Parse.Ast("FROM x\n" + line + "RUN next\n");

        ast.Instructions.Count.ShouldBe(3);
        ast.Instructions[1].Heredocs.ShouldBeEmpty();
    }

    [Fact]
    public void Heredoc_body_lines_count_towards_line_numbers()
    {
        var ast = Parse.Ast("FROM x\nRUN <<EOF python3\nprint(1)\nprint(2)\nEOF\nCMD done\n");

        ast.Instructions[1].StartLine.ShouldBe(2);
        ast.Instructions[1].EndLine.ShouldBe(5);
        ast.Instructions[2].StartLine.ShouldBe(6);
    }

    [Fact]
    public void Heredoc_body_keeps_windows_line_endings_but_the_terminator_matches_without_them()
    {
        var node = Second("RUN <<EOF\r\necho hi\r\nEOF\r\n");

        node.Heredocs.ShouldHaveSingleItem().Content.ShouldBe("echo hi\r\n");
    }

    [Fact]
    public void Unterminated_heredoc_is_rejected_at_the_instruction()
    {
        var error = Parse.Error("FROM x\nRUN <<EOF\necho hi\n");

        error.Line.ShouldBe(2);
        error.Reason.ShouldBe("unterminated heredoc");
    }

    [Fact]
    public void Onbuild_trigger_can_carry_a_heredoc()
    {
        var node = Second("ONBUILD RUN <<EOF\necho hi\nEOF\n");

        node.Heredocs.ShouldHaveSingleItem().Name.ShouldBe("EOF");
        node.Inner.ShouldNotBeNull().Heredocs.ShouldHaveSingleItem().Content.ShouldBe("echo hi\n");
    }

    [Fact]
    public void Heredoc_dumps_as_its_marker_line()
    {
        Parse.Dump("FROM x\nRUN --mount=type=cache,target=/c <<EOF\napk add git\nEOF\n")
            .ShouldBe("(from \"x\")\n(run [\"--mount=type=cache,target=/c\"] \"<<EOF\")\n");
    }
}
