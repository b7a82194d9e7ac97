namespace Cybernode.Oci.Transports;

/// <summary><c>docker-archive:FILE[:REF]</c>, what <c>docker save</c> writes and <c>docker load</c> reads.</summary>
public sealed class DockerArchiveTransport : FileTransport
{
    public override string Name => "docker-archive";

    protected override bool NamesFolder => false;

    public override async Task<IImageSource> OpenSourceAsync(TransportReference reference, CancellationToken cancellationToken)
    {
        // docker 25+ writes an OCI layout beside manifest.json; the classic part is read
        // when present because it always holds exactly what docker load would take.
        var archive = await TarArchiveFile.OpenAsync(reference.Path, cancellationToken);
        return archive.LengthOf(DockerArchiveSource.ManifestFile) is null && OciLayoutSource.IsLayout(archive)
            ? new OciLayoutSource(archive)
            : new DockerArchiveSource(archive);
    }

    public override Task<IImageSink> OpenSinkAsync(TransportReference reference, CancellationToken cancellationToken) =>
        Task.FromResult<IImageSink>(new DockerArchiveSink(ArchiveOutput.For(reference.Path)));
}
