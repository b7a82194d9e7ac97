namespace Cybernode.Oci.Transports;

/// <summary>
/// Where an image is copied from or to, in skopeo's notation: the transport, a path, and an
/// optional reference naming one image at that path.
/// </summary>
public sealed record TransportReference(TransportKind Kind, string Path, string? Reference)
{
    public const string AcceptedForms = "oci:DIR[:REF], oci-archive:FILE[:REF] or docker-archive:FILE[:REF]";

    private static readonly (string Prefix, TransportKind Kind)[] Prefixes =
    [
        ("oci:", TransportKind.OciLayout),
        ("oci-archive:", TransportKind.OciArchive),
        ("docker-archive:", TransportKind.DockerArchive),
    ];

    public static TransportReference Parse(string text)
    {
        foreach (var (prefix, kind) in Prefixes)
        {
            if (!text.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            // Like skopeo, the path ends at the first colon; everything after it is the reference,
            // which may itself hold a colon (cybernode/x:latest).
            var rest = text[prefix.Length..];
            var colon = rest.IndexOf(':');
            var path = colon < 0 ? rest : rest[..colon];
            var reference = colon < 0 ? null : rest[(colon + 1)..];
            if (path.Length == 0)
            {
                throw new FormatException($"'{text}' names no {(kind == TransportKind.OciLayout ? "folder" : "file")}: use {AcceptedForms}");
            }

            if (reference is not null && (reference.Length == 0 || reference.Any(char.IsWhiteSpace)))
            {
                throw new FormatException($"'{text}' has an empty or blank reference after the path: use {AcceptedForms}");
            }

            return new TransportReference(kind, path, reference);
        }

        throw new FormatException($"'{text}' is not an image location this tool reads or writes: use {AcceptedForms}");
    }

    public override string ToString()
    {
        var prefix = Prefixes.First(p => p.Kind == Kind).Prefix;
        return Reference is null ? prefix + Path : $"{prefix}{Path}:{Reference}";
    }
}
