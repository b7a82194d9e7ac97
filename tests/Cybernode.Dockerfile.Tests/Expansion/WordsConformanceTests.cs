using Cybernode.Dockerfile.Expansion;

namespace Cybernode.Dockerfile.Tests.Expansion;

/// <summary>Every line of BuildKit's <c>shell/wordsTest</c>, with the ENV lines above it as environment.</summary>
public sealed class WordsConformanceTests
{
    public static TheoryData<int, string, string[], string[]> Lines()
    {
        var data = new TheoryData<int, string, string[], string[]>();
        if (!ConformanceData.IsPresent)
        {
            data.Add(0, ConformanceData.Missing, [], []);
            return data;
        }

        var environment = new List<string>();
        var lines = File.ReadAllLines(ConformanceData.ShellFile("wordsTest"));
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith('#') || line.Trim().Length == 0)
            {
                continue;
            }

            if (line.StartsWith("ENV ", StringComparison.Ordinal))
            {
                // Trailing spaces in ENV values are significant in this file.
                environment.Add(line[3..].TrimStart(' '));
                continue;
            }

            var fields = line.Split('|');
            fields.Length.ShouldBe(2, $"line {i + 1} is malformed");
            data.Add(i + 1, fields[0].Trim(), [.. environment], fields[1].TrimStart(' ').Split(','));
        }

        return data;
    }

    [Fact]
    public void The_file_holds_the_expected_number_of_cases()
    {
        ConformanceData.Require();
        Lines().Count.ShouldBe(24);
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Line_splits_into_the_words_buildkit_produces(int line, string input, string[] environment, string[] expected)
    {
        ConformanceData.Require();
        var env = new Dictionary<string, string>();
        foreach (var entry in environment)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            env[entry[..equals]] = entry[(equals + 1)..];
        }

        IReadOnlyList<string> words;
        try
        {
            words = new ShellLexer().ProcessWords(input, env);
        }
        catch (WordExpansionException)
        {
            words = ["error"];
        }

        words.ShouldBe(expected, $"line {line}");
    }
}
