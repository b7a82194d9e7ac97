using System.Text.RegularExpressions;

namespace Cybernode.Oci.Model;

/// <summary>
/// A docker image reference, <c>[registry[:port]/]path[:tag][@digest]</c>. The familiar form
/// (no docker.io, no library/) is what the store records and what users read.
/// </summary>
public sealed partial record ImageReference(string? Registry, string Repository, string? Tag, Digest? Digest)
{
    public const string DefaultTag = "latest";
    public const string DockerHub = "docker.io";

    /// <summary>The longest name docker accepts, registry and repository together.</summary>
    public const int MaxNameLength = 255;

    /// <summary>The name old docker clients wrote for Docker Hub; docker reads it as docker.io.</summary>
    private const string LegacyDockerHub = "index.docker.io";

    /// <summary>The name with the tag (latest when neither tag nor digest is given), in familiar form.</summary>
    public string FamiliarName
    {
        get
        {
            var name = FamiliarRepository;
            if (Tag is not null || Digest is null)
            {
                name += ":" + (Tag ?? DefaultTag);
            }

            return Digest is null ? name : $"{name}@{Digest}";
        }
    }

    public string FamiliarRepository
    {
        get
        {
            if (Registry is null or DockerHub)
            {
                return Repository.StartsWith("library/", StringComparison.Ordinal) && Repository.Count(c => c == '/') == 1
                    ? Repository["library/".Length..]
                    : Repository;
            }

            return $"{Registry}/{Repository}";
        }
    }

    /// <summary>The whole name with registry and repository, as registries know it, e.g. <c>docker.io/library/busybox:latest</c>.</summary>
    public string FullName
    {
        get
        {
            var name = $"{Registry ?? DockerHub}/{Repository}";
            if (Tag is not null || Digest is null)
            {
                name += ":" + (Tag ?? DefaultTag);
            }

            return Digest is null ? name : $"{name}@{Digest}";
        }
    }

    /// <summary>
    /// What the registry's manifest endpoint is asked for: the digest when there is one (a pinned
    /// tag is only a label then, as docker pulls it), else the tag, else latest.
    /// </summary>
    public string ManifestReference => Digest?.ToString() ?? Tag ?? DefaultTag;

    public static ImageReference Parse(string text) =>
        TryParse(text, out var reference, out var problem)
            ? reference
            : throw new FormatException($"'{text}' is not a valid image reference: {problem}");

    public static bool TryParse(string text, out ImageReference reference, out string problem)
    {
        reference = null!;
        problem = "";
        if (string.IsNullOrEmpty(text))
        {
            problem = "it is empty";
            return false;
        }

        Digest? digest = null;
        var rest = text;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            if (!Digest.TryParse(rest[(at + 1)..], out var parsed))
            {
                problem = "the part after @ is not a sha256 digest";
                return false;
            }

            digest = parsed;
            rest = rest[..at];
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                problem = $"tag '{tag}' may hold only letters, digits, '_', '.' and '-' (at most 128, not starting with '.' or '-')";
                return false;
            }
        }

        string? registry = null;
        var slash = rest.IndexOf('/');
        if (slash > 0)
        {
            // docker's rule: the first component is a registry when it looks like a host.
            var first = rest[..slash];
            if (first.Contains('.') || first.Contains(':') || first == "localhost" || first.Any(char.IsAsciiLetterUpper))
            {
                if (!DomainPattern().IsMatch(first))
                {
                    problem = $"registry '{first}' is not a host name or address with an optional port, e.g. registry.example.com:5000";
                    return false;
                }

                registry = first == LegacyDockerHub ? DockerHub : first;
                rest = rest[(slash + 1)..];
            }
        }

        if (!RepositoryPattern().IsMatch(rest))
        {
            problem = $"repository '{rest}' must be lower-case path components of letters, digits and separators ('.', '_', '__', '-')";
            return false;
        }

        if (registry is null or DockerHub && !rest.Contains('/'))
        {
            rest = "library/" + rest;
        }

        if ((registry ?? DockerHub).Length + 1 + rest.Length > MaxNameLength)
        {
            problem = $"the name is longer than the {MaxNameLength} characters a registry accepts";
            return false;
        }

        reference = new ImageReference(registry ?? DockerHub, rest, tag, digest);
        return true;
    }

    public override string ToString() => FamiliarName;

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();

    /// <summary>docker's domain: DNS labels, an IPv4 address or a bracketed IPv6 address, then an optional port.</summary>
    [GeneratedRegex(@"^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9A-Fa-f:]+\])(?::[0-9]+)?$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();
}
