namespace Cybernode.EndToEnd.Tests.Progress;

/// <summary>Escape sequences the progress tests look for in terminal output.</summary>
public static class AnsiCodes
{
    /// <summary>An SGR sequence that sets a foreground colour: 30-37, 90-97, or 38;5;N / 38;2;R;G;B.</summary>
    public const string Colour = @"\u001b\[(?:[0-9]+;)*(?:3[0-7]|9[0-7]|38;5;[0-9]+|38;2;[0-9]+;[0-9]+;[0-9]+)(?:;[0-9]+)*m";

    /// <summary>Any CSI sequence (cursor moves, erasing, SGR).</summary>
    public const string Control = @"\u001b\[[0-9;?]*[A-Za-z]";
}
