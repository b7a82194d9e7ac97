namespace Cybernode.Oci.Transports;

/// <summary>A transport whose location is a path on this machine, with an optional image reference after it.</summary>
public abstract class FileTransport : ITransport
{
    public abstract string Name { get; }

    /// <summary>Whether the path names a folder rather than a file.</summary>
    protected abstract bool NamesFolder { get; }

    public string Form => $"{Name}:{(NamesFolder ? "DIR" : "FILE")}[:REF]";

    private string PathKind => NamesFolder ? "folder" : "file";

    public TransportReference Parse(string location)
    {
        // Like skopeo, the path ends at the first colon; everything after it is the reference,
        // which may itself hold a colon (cybernode/x:latest).
        var colon = location.IndexOf(':');
        var path = colon < 0 ? location : location[..colon];
        var reference = colon < 0 ? null : location[(colon + 1)..];
        if (path.Length == 0)
        {
            throw new FormatException($"'{Name}:{location}' names no {PathKind}: use {Form}");
        }

        if (reference is not null && (reference.Length == 0 || reference.Any(char.IsWhiteSpace)))
        {
            throw new FormatException($"'{Name}:{location}' has an empty or blank reference after the path: use {Form}");
        }

        return new TransportReference(this, path, reference);
    }

    public abstract Task<IImageSource> OpenSourceAsync(TransportReference reference, CancellationToken cancellationToken);

    public abstract Task<IImageSink> OpenSinkAsync(TransportReference reference, CancellationToken cancellationToken);

    public override string ToString() => Name;
}
