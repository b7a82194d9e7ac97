using Cybernode.Oci.Model;

namespace Cybernode.Build.Planning;

/// <summary>An image a Dockerfile starts FROM or copies --from, and the line that names it.</summary>
public sealed record ImageMention(ImageReference Image, string File, int Line);
