using Cybernode.Oci.Model;

namespace Cybernode.Build.Planning;

/// <summary>An image a Dockerfile starts FROM or copies --from, the line that names it, and the platform it is wanted for (FROM --platform, else the build's).</summary>
public sealed record ImageMention(ImageReference Image, string File, int Line, Platform Platform)
{
    /// <summary>Named by COPY --from rather than FROM.</summary>
    public bool IsCopy { get; init; }
}
