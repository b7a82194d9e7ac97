namespace Cybernode.Differential.Tests.Comparison;

/// <summary>
/// One point where cybernode's image and an engine's differ. <see cref="Key"/> is an absolute path
/// (<c>/d/a.txt</c>), a config field (<c>config.Shell</c>) or <c>build</c> (one built, the other failed);
/// a null side means absent there.
/// </summary>
public sealed record Difference(string Key, string? Cybernode, string? Engine)
{
    public const string BuildKey = "build";

    public const string ConfigPrefix = "config.";

    public override string ToString() => $"{Key}: cybernode {Cybernode ?? "(absent)"} | engine {Engine ?? "(absent)"}";
}
