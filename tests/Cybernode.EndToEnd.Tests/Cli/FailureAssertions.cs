using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>What every refused command must look like: the exit code, the message, no stack trace.</summary>
public static class FailureAssertions
{
    public static void ShouldFailCleanly(this ProcessResult result, int exitCode, params string[] expected)
    {
        var output = $"{result.CommandLine}\n--- stdout\n{result.StandardOutput}\n--- stderr\n{result.StandardError}";
        result.ExitCode.ShouldBe(exitCode, output);
        foreach (var text in expected)
        {
            result.StandardError.ShouldContain(text, Case.Sensitive, output);
        }

        foreach (var stream in new[] { result.StandardOutput, result.StandardError })
        {
            stream.ShouldNotContain("Exception", Case.Sensitive, output);
            stream.Split('\n').ShouldNotContain(line => line.StartsWith("   at ", StringComparison.Ordinal), output);
        }
    }
}
