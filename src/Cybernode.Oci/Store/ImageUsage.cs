using Cybernode.Oci.Model;

namespace Cybernode.Oci.Store;

/// <summary>
/// The space one image (a manifest or index, under all its names) takes: every blob it reaches,
/// split into those another image reaches too (shared) and those only it does (unique: what
/// removing it would free).
/// </summary>
public sealed record ImageUsage(Digest Manifest, IReadOnlyList<string> Names, long Size, long SharedSize, long UniqueSize);
