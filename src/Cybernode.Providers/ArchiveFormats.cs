using Cybernode.Oci.Transports;

namespace Cybernode.Providers;

public static class ArchiveFormats
{
    /// <summary>The name engines and skopeo use for the format: docker-archive or oci-archive.</summary>
    public static string TransportName(this ArchiveFormat format) => format switch
    {
        ArchiveFormat.DockerArchive => "docker-archive",
        ArchiveFormat.OciArchive => "oci-archive",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The transport that reads and writes this format, for moving images between the store and an engine.</summary>
    public static ITransport Transport(this ArchiveFormat format) =>
        TransportRegistry.Find(format.TransportName()) ?? throw new ArgumentOutOfRangeException(nameof(format));

    public static string Describe(this ArchiveFormat format) => $"{format.TransportName()} file";

    public static ArchiveFormat Parse(string text) => text.ToLowerInvariant() switch
    {
        "docker-archive" or "docker" => ArchiveFormat.DockerArchive,
        "oci-archive" or "oci" => ArchiveFormat.OciArchive,
        _ => throw new ArgumentException($"unknown archive format '{text}': use docker-archive or oci-archive"),
    };
}
