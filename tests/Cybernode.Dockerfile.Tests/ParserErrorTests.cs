namespace Cybernode.Dockerfile.Tests;

public class ParserErrorTests
{
    [Fact]
    public void Error_message_names_file_line_and_column_then_shows_the_line()
    {
        var error = Parse.Error("FROM x\nRUN a\n\n   RUNN echo\n");

        error.FileName.ShouldBe("Dockerfile");
        error.Line.ShouldBe(4);
        error.Column.ShouldBe(4);
        error.SourceLine.ShouldBe("   RUNN echo");
        error.Reason.ShouldBe("unknown instruction: RUNN (did you mean RUN?)");
        error.Message.ShouldBe("Dockerfile:4:4: unknown instruction: RUNN (did you mean RUN?)\n   RUNN echo");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("# Hello\n# These are just comments\n")]
    [InlineData("# escape=`\n")]
    public void File_without_instructions_is_rejected(string text)
    {
        Parse.Error(text).Reason.ShouldBe("file with no instructions");
    }

    [Fact]
    public void Json_array_with_a_non_string_element_is_rejected()
    {
        // BuildKit's shykes-nested-json negative test.
        Parse.Error("CMD [ \"echo\", [ \"nested json\" ] ]\n").Reason
            .ShouldBe("when using JSON array syntax, arrays must be comprised of strings only");
    }

    [Fact]
    public void Legacy_env_without_a_value_is_rejected()
    {
        // BuildKit's env_no_value negative test.
        var error = Parse.Error("FROM busybox\n\nENV PATH\n");

        error.Line.ShouldBe(3);
        error.Reason.ShouldBe("ENV must have two arguments");
    }

    [Fact]
    public void Env_mixing_assignments_and_bare_words_is_rejected()
    {
        Parse.Error("FROM x\nENV a=1 b\n").Reason.ShouldBe("Syntax error - can't find = in \"b\". Must be of the form: name=value");
    }

    [Fact]
    public void Line_longer_than_BuildKit_accepts_is_rejected_at_that_line()
    {
        var error = Parse.Error("FROM x\nRUN echo " + new string('a', 70_000) + "\n");

        error.Line.ShouldBe(2);
        error.Reason.ShouldBe("dockerfile line greater than max allowed size of 65535");
        error.Message.Length.ShouldBeLessThan(400);
    }
}
