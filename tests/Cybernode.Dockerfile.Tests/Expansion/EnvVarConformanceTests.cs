using Cybernode.Dockerfile.Expansion;

namespace Cybernode.Dockerfile.Tests.Expansion;

/// <summary>Every Unix-relevant line of BuildKit's <c>shell/envVarTest</c>, one theory row per line.</summary>
public sealed class EnvVarConformanceTests
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["PWD"] = "/home",
        ["SHELL"] = "bash",
        ["KOREAN"] = "한국어",
        ["NULL"] = string.Empty,
    };

    public static TheoryData<int, string, string> Lines()
    {
        var data = new TheoryData<int, string, string>();
        if (!ConformanceData.IsPresent)
        {
            data.Add(0, ConformanceData.Missing, ConformanceData.Missing);
            return data;
        }

        var lines = File.ReadAllLines(ConformanceData.ShellFile("envVarTest"));
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith('#') || lines[i].Trim().Length == 0)
            {
                continue;
            }

            var fields = lines[i].Trim().Split('|');
            fields.Length.ShouldBe(3, $"line {i + 1} is malformed");
            var platform = fields[0].Trim();
            if (platform is "A" or "U")
            {
                data.Add(i + 1, fields[1].Trim(), fields[2].Trim());
            }
        }

        return data;
    }

    [Fact]
    public void The_file_holds_the_expected_number_of_unix_lines()
    {
        ConformanceData.Require();
        Lines().Count.ShouldBe(228);
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Line_expands_as_buildkit_expands_it(int line, string input, string expected)
    {
        ConformanceData.Require();
        var lexer = new ShellLexer();
        if (expected == "error")
        {
            Should.Throw<WordExpansionException>(() => lexer.ProcessWord(input, Environment), $"line {line}");
        }
        else
        {
            lexer.ProcessWord(input, Environment).ShouldBe(expected, $"line {line}");
        }
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Line_expands_the_same_when_matches_are_tracked(int line, string input, string expected)
    {
        ConformanceData.Require();
        var lexer = new ShellLexer();
        if (expected == "error")
        {
            Should.Throw<WordExpansionException>(() => lexer.ProcessWordWithMatches(input, Environment), $"line {line}");
        }
        else
        {
            lexer.ProcessWordWithMatches(input, Environment).Result.ShouldBe(expected, $"line {line}");
        }
    }
}
