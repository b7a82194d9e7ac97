namespace Cybernode.Oci;

/// <summary>Image data that breaks the OCI rules: a bad digest, a missing blob, malformed JSON.</summary>
public sealed class OciFormatException(string message) : Exception(message);
