using Cybernode.Build;
using Cybernode.Cli.Output;
using Cybernode.Cli.Output.Reports;
using Cybernode.Oci.Model;
using Cybernode.Oci.Registry;
using Cybernode.Oci.Registry.Auth;
using Cybernode.Oci.Store;
using Cybernode.Oci.Transports;

namespace Cybernode.Cli.Commands;

/// <summary>
/// Pull and push as the CLI runs them, for <c>pull</c>/<c>push</c> and for <c>import docker://</c> /
/// <c>export -o docker://</c> alike: the registry clients of the run, the report, the text line.
/// </summary>
public static class RegistryTransfers
{
    public const string DockerPrefix = "docker://";

    /// <summary>The registry clients of one command; where authentication, insecure registries and the record of blob locations are plugged in.</summary>
    /// <param name="insecureHosts">Hosts that may be spoken to over plain HTTP besides loopback (cybernode.yaml's insecure_registries:, --tls-verify=false).</param>
    public static Registries Open(IEnumerable<string>? insecureHosts = null) => new(new RegistryClientOptions
    {
        Authentication = RegistryAuthentication.FromDockerConfig(),
        InsecureHosts = new HashSet<string>(insecureHosts ?? [], StringComparer.Ordinal),
        BlobLocations = BlobLocationCache.ForUser(),
    });

    public static bool IsDocker(string location) => location.StartsWith(DockerPrefix, StringComparison.Ordinal);

    /// <summary>REF or docker://REF as an image reference; a malformed one is the user's mistake.</summary>
    public static ImageReference ParseReference(string text)
    {
        var bare = IsDocker(text) ? text[DockerPrefix.Length..] : text;
        try
        {
            return ImageReference.Parse(bare);
        }
        catch (FormatException e)
        {
            throw new UserError(e.Message, hint: "name an image as [HOST[:PORT]/]REPOSITORY[:TAG][@DIGEST], e.g. 127.0.0.1:5000/team/app:v1");
        }
    }

    public static async Task PullAsync(
        ImageReference reference, Platform platform, string storeLocation, string? name, bool json, InsecureRegistries insecure, CancellationToken cancellationToken)
    {
        using var registries = Open(insecure.For(reference.Registry ?? RegistryEndpoint.DockerHub));
        using var store = await OciLayoutStore.OpenAsync(storeLocation, cancellationToken);
        var pulled = await new RegistryPull(registries).PullAsync(reference, platform, store, cancellationToken, name is null ? null : ImageReference.Parse(name).FamiliarName);
        if (json)
        {
            JsonOutput.Write(Console.Out, new PullReport(
                pulled.Name, pulled.Manifest.Digest.ToString(), pulled.Root.Digest.ToString(), pulled.Platform.ToString(),
                new PullBlobsReport(pulled.BlobsFetched, pulled.BlobsPresent), pulled.BytesFetched, storeLocation));
            return;
        }

        Console.Out.WriteLine($"pulled {pulled.Name} ({pulled.Manifest.Digest}, {pulled.Platform}) into {storeLocation}: {Count(pulled.BlobsFetched, "layer")} fetched ({ImagesCommand.HumanSize(pulled.BytesFetched)}), {pulled.BlobsPresent} already there");
    }

    /// <summary>Pushes the store image <paramref name="reference"/> names to <paramref name="destination"/>, by default to its own name.</summary>
    public static async Task PushAsync(
        string storeLocation, string reference, string workspace, string? destination, bool json, InsecureRegistries insecure, CancellationToken cancellationToken)
    {
        var (store, image) = await StoreAccess.FindAsync(storeLocation, reference, workspace, cancellationToken);
        using (store)
        {
            await PushAsync(store, image, ParseReference(destination ?? image.Name), json, insecure, cancellationToken);
        }
    }

    private static async Task PushAsync(IImageStore store, TaggedImage image, ImageReference target, bool json, InsecureRegistries insecure, CancellationToken cancellationToken)
    {
        using var registries = Open(insecure.For(target.Registry ?? RegistryEndpoint.DockerHub));
        var push = await ImagePush.PrepareAsync(registries, new StoreImageSource(store), image.Manifest, target, cancellationToken);
        var counts = await push.PushAsync(cancellationToken);
        if (json)
        {
            JsonOutput.Write(Console.Out, new PushReport(target.FamiliarName, image.Manifest.Digest.ToString(), new PushBlobsReport(counts.Uploaded, counts.Existing, counts.Mounted), counts.Bytes));
            return;
        }

        Console.Out.WriteLine($"pushed {image.Name} to {target.FamiliarName} ({image.Manifest.Digest}): {Count(counts.Uploaded, "blob")} uploaded ({ImagesCommand.HumanSize(counts.Bytes)}), {counts.Existing} already there, {counts.Mounted} mounted");
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
