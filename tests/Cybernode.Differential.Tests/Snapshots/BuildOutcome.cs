namespace Cybernode.Differential.Tests.Snapshots;

/// <summary>A build's result: the image it made, or the error it stopped with.</summary>
public sealed record BuildOutcome(string Builder, ImageSnapshot? Image, string? Error)
{
    public static BuildOutcome Built(string builder, ImageSnapshot image) => new(builder, image, null);

    public static BuildOutcome Failed(string builder, string error) => new(builder, null, error);

    public bool Succeeded => Image is not null;
}
