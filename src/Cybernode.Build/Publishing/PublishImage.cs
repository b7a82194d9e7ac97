using Cybernode.Oci.Model;

namespace Cybernode.Build.Publishing;

/// <summary>One service's run image to publish: the manifest from the store, where it goes, and its tags there.</summary>
/// <param name="Repository">The repository below the registry host, <c>PREFIX/SERVICE</c>.</param>
public sealed record PublishImage(string Service, string Repository, Descriptor Manifest, IReadOnlyList<string> Tags);
