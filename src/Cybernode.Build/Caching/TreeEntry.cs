using System.Text.Json.Serialization;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Caching;

/// <summary>
/// One file, folder or symbolic link of a stored output tree, at a relative path. <see cref="Modified"/>
/// is in 100 ns ticks since the epoch (what the file system API sets back), so a restored tree
/// compares equal to the one stored and makes the same image.
/// </summary>
public sealed record TreeEntry(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("mode")] int Mode,
    [property: JsonPropertyName("modified")] long Modified)
{
    public const string FileType = "file";
    public const string FolderType = "folder";
    public const string LinkType = "link";

    [JsonPropertyName("size")]
    public long Size { get; init; }

    [JsonPropertyName("digest")]
    public Digest? Digest { get; init; }

    [JsonPropertyName("target")]
    public string? Target { get; init; }
}
