using Cybernode.Oci.Model;

namespace Cybernode.Oci.Store;

/// <summary>A file under blobs/ named by a digest (whether its content matches is for verify to say).</summary>
public sealed record StoredBlob(Digest Digest, string Path, long Size);
