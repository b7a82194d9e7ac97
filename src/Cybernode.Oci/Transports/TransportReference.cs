namespace Cybernode.Oci.Transports;

/// <summary>
/// Where an image is copied from or to, in skopeo's notation: the transport, a location (a path,
/// or what the transport reads there), and an optional reference naming one image at that location.
/// </summary>
public sealed record TransportReference(ITransport Transport, string Path, string? Reference)
{
    public static string AcceptedForms => TransportRegistry.AcceptedForms;

    public static TransportReference Parse(string text) =>
        TryParse(text, out var reference)
            ? reference
            : throw new FormatException($"'{text}' is not an image location this tool reads or writes: use {AcceptedForms}");

    /// <summary>
    /// False when <paramref name="text"/> starts with no transport's name; a known transport
    /// with a bad location still throws <see cref="FormatException"/> saying what is wrong.
    /// </summary>
    public static bool TryParse(string text, out TransportReference reference)
    {
        var colon = text.IndexOf(':');
        var transport = colon > 0 ? TransportRegistry.Find(text[..colon]) : null;
        reference = transport?.Parse(text[(colon + 1)..])!;
        return transport is not null;
    }

    public Task<IImageSource> OpenSourceAsync(CancellationToken cancellationToken) => Transport.OpenSourceAsync(this, cancellationToken);

    public Task<IImageSink> OpenSinkAsync(CancellationToken cancellationToken) => Transport.OpenSinkAsync(this, cancellationToken);

    public override string ToString() => Reference is null ? $"{Transport.Name}:{Path}" : $"{Transport.Name}:{Path}:{Reference}";
}
