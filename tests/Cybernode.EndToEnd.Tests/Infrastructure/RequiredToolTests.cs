namespace Cybernode.EndToEnd.Tests.Infrastructure;

public class RequiredToolTests
{
    [Fact]
    public void Finds_a_program_on_the_path()
    {
        RequiredTool.Find("sh", "dash").ShouldEndWith("/sh");
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
