namespace Cybernode.Oci.Transports;

/// <summary><c>oci-archive:FILE[:REF]</c>, a tar of an OCI image layout.</summary>
public sealed class OciArchiveTransport : FileTransport
{
    public override string Name => "oci-archive";

    protected override bool NamesFolder => false;

    public override async Task<IImageSource> OpenSourceAsync(TransportReference reference, CancellationToken cancellationToken) =>
        new OciLayoutSource(await TarArchiveFile.OpenAsync(reference.Path, cancellationToken));

    public override Task<IImageSink> OpenSinkAsync(TransportReference reference, CancellationToken cancellationToken) =>
        Task.FromResult<IImageSink>(new OciArchiveSink(ArchiveOutput.For(reference.Path)));
}
