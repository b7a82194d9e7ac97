namespace Cybernode.Build.Bases;

/// <summary>
/// What resolving a build's remote bases did: per service the bases it could not have (the build
/// starts nothing then), each locked base with its old and new digest, and the store names now set
/// to a chosen digest (an engine must be given the store's image under these names, not keep its own).
/// </summary>
public sealed record BaseResolution(IReadOnlyDictionary<string, IReadOnlyList<UserError>> Failures, IReadOnlyList<BaseLockChange> Locked, IReadOnlySet<string> Pinned);
