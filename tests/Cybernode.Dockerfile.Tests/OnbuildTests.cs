namespace Cybernode.Dockerfile.Tests;

public class OnbuildTests
{
    [Theory]
    [InlineData("ONBUILD ONBUILD RUN x", "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")]
    [InlineData("onbuild onbuild run x", "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")]
    [InlineData("ONBUILD FROM alpine", "FROM isn't allowed as an ONBUILD trigger")]
    [InlineData("ONBUILD maintainer me", "MAINTAINER isn't allowed as an ONBUILD trigger")]
    public void Forbidden_triggers_are_rejected_at_their_line(string line, string reason)
    {
        var error = Parse.Error("FROM x\n\n" + line + "\n");

        error.Line.ShouldBe(3);
        error.Reason.ShouldBe(reason);
    }

    [Fact]
    public void Trigger_is_parsed_as_a_nested_instruction_with_its_own_flags()
    {
        var node = Parse.Ast("FROM x\nONBUILD COPY --from=build /a /b\n").Instructions[1];

        node.Keyword.ShouldBe("onbuild");
        node.Arguments.ShouldBeEmpty();
        var inner = node.Inner.ShouldNotBeNull();
        inner.Keyword.ShouldBe("copy");
        inner.Flags.ShouldBe(["--from=build"]);
        inner.Arguments.ShouldBe(["/a", "/b"]);
        Parse.Dump("FROM x\nONBUILD COPY --from=build /a /b\n")
            .ShouldBe("(from \"x\")\n(onbuild (copy [\"--from=build\"] \"/a\" \"/b\"))\n");
    }

    [Fact]
    public void Unknown_trigger_is_rejected_by_name()
    {
        Parse.Error("FROM x\nONBUILD ZZZZ bar\n").Reason.ShouldBe("unknown instruction: ZZZZ");
    }
}
