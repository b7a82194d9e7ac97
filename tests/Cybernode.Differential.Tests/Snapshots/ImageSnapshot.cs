namespace Cybernode.Differential.Tests.Snapshots;

/// <summary>
/// What a build produced, in comparable form: every path of the unpacked image (absolute path to a
/// one-line description) and the compared config fields (name to canonical JSON), both normalised
/// by <see cref="Normalisation"/>.
/// </summary>
public sealed record ImageSnapshot(IReadOnlyDictionary<string, string> Paths, IReadOnlyDictionary<string, string> Config);
