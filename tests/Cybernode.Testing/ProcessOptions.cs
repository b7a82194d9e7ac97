namespace Cybernode.Testing;

/// <summary>How <see cref="ProcessRunner"/> starts a program.</summary>
public sealed record ProcessOptions
{
    public static ProcessOptions Default { get; } = new();

    public string? WorkingDirectory { get; init; }

    /// <summary>Variables to set on top of the inherited environment; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Text written to the program's standard input, which is then closed; null leaves stdin unredirected.</summary>
    public string? StandardInput { get; init; }

    /// <summary>Called with the process id and each line of standard output as it comes, e.g. to interrupt the program.</summary>
    public Action<int, string>? OnOutputLine { get; init; }

    /// <summary>The same for each line of standard error.</summary>
    public Action<int, string>? OnErrorLine { get; init; }
}
