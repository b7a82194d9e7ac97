using Cybernode.Oci.Model;
using Cybernode.Oci.Registry.Auth;
using Cybernode.Oci.Transports;

namespace Cybernode.Oci.Registry;

/// <summary>
/// <c>docker://HOST/REPOSITORY[:TAG][@DIGEST]</c>: an image in a registry, as skopeo names it. As a
/// source it is this machine's platform of the image (resolved when opened); as a sink, a push.
/// </summary>
public sealed class DockerTransport : ITransport
{
    public string Name => "docker";

    public string Form => "docker://HOST/REPOSITORY[:TAG]";

    /// <summary>
    /// How this transport's registry clients are built: with docker's logins (read only when a
    /// registry asks for one), plain HTTP for loopback only.
    /// </summary>
    public RegistryClientOptions Options { get; } = new() { Authentication = RegistryAuthentication.FromDockerConfig() };

    public TransportReference Parse(string location)
    {
        if (!location.StartsWith("//", StringComparison.Ordinal) || !ImageReference.TryParse(location[2..], out _, out _))
        {
            throw new FormatException($"'{Name}:{location}' is not a registry image: use {Form}");
        }

        return new TransportReference(this, location, null);
    }

    public async Task<IImageSource> OpenSourceAsync(TransportReference reference, CancellationToken cancellationToken)
    {
        var registries = new Registries(Options);
        var pull = new RegistryPull(registries);
        return pull.SourceFor(await pull.ResolveAsync(ImageOf(reference), Platform.Current, cancellationToken), null);
    }

    public Task<IImageSink> OpenSinkAsync(TransportReference reference, CancellationToken cancellationToken) =>
        Task.FromResult<IImageSink>(new RegistryImageSink(new Registries(Options), ImageOf(reference)));

    private static ImageReference ImageOf(TransportReference reference) => ImageReference.Parse(reference.Path[2..]);
}
