using Cybernode.Build.Planning;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Bases;

/// <summary>The decision for one remote base: the uses that need it, its locked digest, and what to do.</summary>
/// <param name="Digest">The digest the step uses without asking the registry (locked or pinned); null when it resolves or leaves the base alone.</param>
public sealed record BaseStep(BaseKey Key, ImageReference Image, IReadOnlyList<BaseUse> Uses, Digest? Locked, BaseAction Action, Digest? Digest)
{
    /// <summary>Whether the step needs the registry.</summary>
    public bool Pulls => Action is BaseAction.PullDigest or BaseAction.Resolve;
}
