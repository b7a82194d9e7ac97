using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Tests;

public class DumpConformanceTests
{
    public static TheoryData<string> PositiveCases => ConformanceData.CaseNames(ConformanceData.ParserCases);

    public static TheoryData<string> NegativeCases => ConformanceData.CaseNames(ConformanceData.NegativeParserCases);

    [Theory]
    [MemberData(nameof(PositiveCases))]
    public void BuildKit_test_file_dumps_byte_identically(string name)
    {
        ConformanceData.Require();
        var directory = Path.Combine(ConformanceData.ParserCases, name);
        var text = File.ReadAllText(Path.Combine(directory, "Dockerfile"));
        var expected = File.ReadAllText(Path.Combine(directory, "result"));

        var dump = DockerfileDump.Format(DockerfileParser.Parse(text, "Dockerfile"));

        dump.ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(NegativeCases))]
    public void BuildKit_negative_test_file_is_rejected_with_a_located_message(string name)
    {
        ConformanceData.Require();
        var text = File.ReadAllText(Path.Combine(ConformanceData.NegativeParserCases, name, "Dockerfile"));

        var error = Should.Throw<DockerfileSyntaxException>(() => DockerfileParser.Parse(text, "Dockerfile"));

        error.Reason.ShouldNotBeNullOrWhiteSpace();
        error.Message.ShouldStartWith($"Dockerfile:{error.Line}:{error.Column}: ");
    }
}
