using System.Text.RegularExpressions;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Publishing;

/// <summary>
/// Where a cluster is published: a registry host and a repository prefix that takes the
/// namespace's place, so service <c>fullnode-btcd</c> goes to <c>HOST/PREFIX/fullnode-btcd</c>.
/// </summary>
public sealed partial record RegistryTarget(string Host, string? Prefix)
{
    public const string Example = "registry.example.com:5000/team";

    /// <summary>The repository (path below the host) of a service's image.</summary>
    public string RepositoryFor(string service) => Prefix is null ? service : $"{Prefix}/{service}";

    /// <summary>The full name of a service's image in the registry, without tag: <c>HOST/PREFIX/SERVICE</c>.</summary>
    public string NameFor(string service) => $"{Host}/{RepositoryFor(service)}";

    public override string ToString() => Prefix is null ? Host : $"{Host}/{Prefix}";

    /// <summary>
    /// Reads <c>HOST[:PORT][/PREFIX]</c>. The host must look like one (a dot, a port or
    /// <c>localhost</c>), as docker decides what names a registry, so a bare namespace is not
    /// mistaken for a host; no tag or digest.
    /// </summary>
    public static bool TryParse(string text, out RegistryTarget target, out string problem)
    {
        target = null!;
        var trimmed = text.TrimEnd('/');
        var slash = trimmed.IndexOf('/');
        var host = slash < 0 ? trimmed : trimmed[..slash];
        var prefix = slash < 0 ? null : trimmed[(slash + 1)..];
        if (!HostPattern().IsMatch(host) || !(host.Contains('.') || host.Contains(':') || host == "localhost"))
        {
            problem = $"'{host}' is not a registry host (a name with a dot, a port, or localhost)";
            return false;
        }

        // The prefix must make valid repositories: check it the way an image reference is read.
        if (prefix is not null && !(ImageReference.TryParse($"{host}/{prefix}/x", out var reference, out problem) && reference.Tag is null && reference.Digest is null))
        {
            problem = prefix.Contains('@') || prefix.Contains(':')
                ? "it names a tag or digest; give only HOST/PREFIX, the tags come from the build"
                : $"'{prefix}' is not a repository prefix: lower-case letters, digits and separators ('.', '_', '__', '-') between '/'";
            return false;
        }

        problem = "";
        target = new RegistryTarget(host, prefix);
        return true;
    }

    /// <summary>A registry host as docker accepts one: DNS labels or an IPv4 address, or [IPv6], with an optional port.</summary>
    public static bool IsHost(string text) => HostPattern().IsMatch(text);

    [GeneratedRegex(@"^(?:(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])(?:\.(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]))*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$")]
    private static partial Regex HostPattern();
}
