using Cybernode.Oci;
using Cybernode.Oci.Registry;

namespace Cybernode.Build.Publishing;

/// <summary>
/// Which failures of a publish step belong in the report (the registry refused, the network
/// failed, the store is damaged) rather than ending the command as an internal error.
/// </summary>
public static class PublishFailures
{
    public static bool IsExpected(Exception error, CancellationToken cancellationToken) => error switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        RegistryException or UserError or OciFormatException or StorageException or HttpRequestException or IOException or TimeoutException => true,

        // HttpClient's own timeout, not the user's Ctrl-C.
        OperationCanceledException => true,
        _ => false,
    };

    public static string Describe(Exception error) => error switch
    {
        UserError user => user.Describe(),
        RegistryException registry => $"{registry.Message} (hint: {registry.Hint})",
        OperationCanceledException => "the registry did not answer in time",
        _ => ReadableText.Limit(error.Message.ReplaceLineEndings(" ")),
    };
}
