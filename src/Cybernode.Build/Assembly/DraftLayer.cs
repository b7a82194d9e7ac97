using Cybernode.Oci.Layers;

namespace Cybernode.Build.Assembly;

/// <summary>A layer of an image being drafted: one inherited from the base image, or one still to write.</summary>
public sealed record DraftLayer(BuiltLayer? Existing, LayerDraft? New);
