namespace Cybernode.Providers;

public enum ArchiveFormat
{
    /// <summary>What <c>docker save</c> writes: manifest.json, configs and layer tars.</summary>
    DockerArchive,

    /// <summary>An OCI image layout in a tar; the image name is the ref.name annotation.</summary>
    OciArchive,
}
