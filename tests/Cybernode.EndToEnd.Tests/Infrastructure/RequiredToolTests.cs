namespace Cybernode.EndToEnd.Tests.Infrastructure;

public class RequiredToolTests
{
    [Fact]
    public void Finds_a_program_on_the_path()
    {
        RequiredTool.Find("sh", "dash").ShouldEndWith("/sh");
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Ci_set_to_false_or_0_is_not_ci(string? value, bool ci)
    {
        RequiredTool.MeansCi(value).ShouldBe(ci);
    }

    [Fact]
    public void A_missing_tool_skips_locally_and_fails_under_ci()
    {
        var thrown = Should.Throw<Exception>(() => RequiredTool.Find("cybernode-no-such-tool", "none"));

        thrown.Message.ShouldContain("cybernode-no-such-tool");
        var skipped = thrown.GetType().Name == "SkipException";
        skipped.ShouldBe(!RequiredTool.IsCi);
    }
}
