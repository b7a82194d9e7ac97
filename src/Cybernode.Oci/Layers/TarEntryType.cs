namespace Cybernode.Oci.Layers;

public enum TarEntryType
{
    File,
    Directory,
    Symlink,
    Hardlink,
}
