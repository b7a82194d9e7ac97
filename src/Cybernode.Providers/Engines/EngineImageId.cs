using Cybernode.Oci.Model;

namespace Cybernode.Providers.Engines;

/// <summary>Reads the image id engines print: docker writes <c>sha256:hex</c>, podman and buildah the bare hex.</summary>
public static class EngineImageId
{
    public static Digest? Parse(string output)
    {
        var text = output.Trim();
        return Digest.TryParse(text, out var digest) || Digest.TryParse($"{Digest.Sha256Algorithm}:{text}", out digest) ? digest : null;
    }
}
