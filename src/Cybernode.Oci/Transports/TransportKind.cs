namespace Cybernode.Oci.Transports;

public enum TransportKind
{
    /// <summary><c>oci:DIR[:REF]</c>, an OCI image layout folder.</summary>
    OciLayout,

    /// <summary><c>oci-archive:FILE[:REF]</c>, a tar of an OCI image layout.</summary>
    OciArchive,

    /// <summary><c>docker-archive:FILE[:REF]</c>, what <c>docker save</c> writes and <c>docker load</c> reads.</summary>
    DockerArchive,
}
