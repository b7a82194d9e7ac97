using Cybernode.Oci.Store;

namespace Cybernode.Build.Lifecycle;

/// <summary>An image of the store that a service no longer in the workspace left behind.</summary>
public sealed record StaleImage(TaggedImage Image, string Service);
