namespace Cybernode.Dockerfile.Tests;

/// <summary>A clone without ../shared/conformance skips the conformance tests, except under CI.</summary>
public class ConformanceDataTests
{
    [Theory]
    [InlineData(true, null, "Run")]
    [InlineData(true, "true", "Run")]
    [InlineData(false, null, "Skip")]
    [InlineData(false, "", "Skip")]
    [InlineData(false, "false", "Skip")]
    [InlineData(false, "0", "Skip")]
    [InlineData(false, "true", "Fail")]
    [InlineData(false, "1", "Fail")]
    public void Missing_data_skips_unless_CI_is_set(bool present, string? ci, string expected) =>
        ConformanceData.Decide(present, ci).ToString().ShouldBe(expected);
}
