namespace Cybernode.Oci.Registry;

/// <summary>A registry answer worth another attempt (429, 5xx), with the wait the registry asked for.</summary>
internal sealed class TransientStatusException(string message, int status, TimeSpan? retryAfter) : Exception(message)
{
    public int Status { get; } = status;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
