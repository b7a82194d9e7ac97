using Cybernode.Providers.Processes;

namespace Cybernode.Providers.Tests.Support;

/// <summary>Engine tests need real programs: without one they skip on a developer's machine and fail under CI.</summary>
public static class RequiredTool
{
    public static bool UnderCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>The program's path, or null when it is not installed.</summary>
    public static string? Find(string program) => ExecutableLocator.Find(program, Environment.GetEnvironmentVariable("PATH"));

    /// <summary>Skips (or under CI fails) the calling test when <paramref name="reason"/> is not null.</summary>
    public static void Require(string? reason)
    {
        if (reason is null)
        {
            return;
        }

        if (UnderCi)
        {
            Assert.Fail($"{reason} (CI is set, so a missing tool is a failure, not a skip)");
        }

        Assert.Skip(reason);
    }
}
