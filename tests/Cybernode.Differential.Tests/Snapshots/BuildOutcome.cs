namespace Cybernode.Differential.Tests.Snapshots;

/// <summary>A build's result: the image it made, or the error it stopped with.</summary>
public sealed record BuildOutcome(string Builder, ImageSnapshot? Image, string? Error)
{
    public static BuildOutcome Built(string builder, ImageSnapshot image) => new(builder, image, null);

    private const int ErrorLines = 3;
    private const int ErrorLineLength = 300;

    /// <summary>A failed build, keeping the end of its error output, where engines say what went wrong.</summary>
    public static BuildOutcome Failed(string builder, string error)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .TakeLast(ErrorLines)
            .Select(line => line.Length > ErrorLineLength ? "..." + line[^ErrorLineLength..] : line);
        return new(builder, null, "failed: " + string.Join(" / ", lines));
    }

    public bool Succeeded => Image is not null;
}
