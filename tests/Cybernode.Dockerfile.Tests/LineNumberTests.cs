namespace Cybernode.Dockerfile.Tests;

public class LineNumberTests
{
    [Fact]
    public void Every_instruction_keeps_its_first_and_last_line()
    {
        var ast = Parse.Ast("# syntax=x\n\nFROM a\n# comment\nRUN one \\\n  # inside\n\n  two\nENV K=v\n");

        ast.Instructions.Select(n => (n.Keyword, n.StartLine, n.EndLine)).ShouldBe(
        [
            ("from", 3, 3),
            ("run", 5, 8),
            ("env", 9, 9),
        ]);
    }

    [Fact]
    public void Original_is_the_joined_text_without_comment_lines()
    {
        var node = Parse.Ast("FROM a\n  RUN one \\\n  # inside\n  two\n").Instructions[1];

        node.Original.ShouldBe("RUN one   two");
        node.KeywordAsWritten.ShouldBe("RUN");
    }

    [Fact]
    public void Semantic_error_points_at_the_instruction_line()
    {
        var ast = Parse.Ast("FROM a\nRUN x\n\nWORKDIR\n");

        var error = Should.Throw<Syntax.DockerfileSyntaxException>(() => Instructions.DockerfileModel.From(ast));

        error.Line.ShouldBe(4);
        error.Reason.ShouldBe("WORKDIR requires exactly one argument");
    }
}
