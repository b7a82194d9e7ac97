namespace Cybernode.Build.Bases;

/// <summary>
/// What resolving a build's remote bases did: per service the bases it could not have (the build
/// starts nothing then), the lock lines written or moved, and the store names now set to a chosen
/// digest (an engine must be given the store's image under these names, not keep its own).
/// </summary>
public sealed record BaseResolution(IReadOnlyDictionary<string, IReadOnlyList<UserError>> Failures, IReadOnlyList<BaseMove> Moves, IReadOnlySet<string> Pinned);
