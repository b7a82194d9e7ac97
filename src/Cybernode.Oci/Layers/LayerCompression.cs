namespace Cybernode.Oci.Layers;

public enum LayerCompression
{
    Gzip,
    Zstd,
    None,
}
