namespace Cybernode.Oci.Transports;

/// <summary>
/// One way images are read and written, named as skopeo names it (<c>oci</c>, <c>oci-archive</c>,
/// <c>docker-archive</c>, ...). A new transport is one class listed in <see cref="TransportRegistry"/>.
/// </summary>
public interface ITransport
{
    /// <summary>The name before the first colon of a location, e.g. <c>oci-archive</c>.</summary>
    string Name { get; }

    /// <summary>How a location is written, for help and errors, e.g. <c>oci-archive:FILE[:REF]</c>.</summary>
    string Form { get; }

    /// <summary>Reads what follows <c>NAME:</c>; throws <see cref="FormatException"/> naming the form.</summary>
    TransportReference Parse(string location);

    Task<IImageSource> OpenSourceAsync(TransportReference reference, CancellationToken cancellationToken);

    Task<IImageSink> OpenSinkAsync(TransportReference reference, CancellationToken cancellationToken);
}
