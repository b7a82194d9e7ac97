using System.CommandLine;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Registry;

namespace Cybernode.Cli.Commands;

/// <summary>
/// The registries a command outside a build may speak plain HTTP to besides loopback: those the
/// workspace at or above the current folder lists under <c>insecure_registries:</c>, and the one the
/// command names when given <c>--tls-verify=false</c> (skopeo's and podman's option). Credentials
/// still never travel over plain HTTP to another machine.
/// </summary>
public sealed class InsecureRegistries(IReadOnlyList<string> fromWorkspace, bool tlsVerify)
{
    public const string OptionName = "--tls-verify";

    public static Option<bool> TlsVerifyOption() => new(OptionName)
    {
        Description = "--tls-verify=false speaks plain HTTP to the registry this command names, as insecure_registries: in cybernode.yaml does; "
            + "credentials are still never sent over plain HTTP to another machine",
        DefaultValueFactory = _ => true,
    };

    /// <summary>The workspace's list (the one at or above <paramref name="workspace"/>) and the option's value.</summary>
    public static InsecureRegistries Of(ParseResult parse, Option<bool> tlsVerify, string workspace) =>
        new(WorkspaceSettingsReader.Read(WorkspaceMarkers.FindRoot(workspace)).InsecureRegistries, parse.GetValue(tlsVerify));

    /// <summary>The hosts a command talking to <paramref name="registry"/> may reach over plain HTTP.</summary>
    public IReadOnlySet<string> For(string registry) =>
        new HashSet<string>(tlsVerify ? fromWorkspace : [.. fromWorkspace, registry], StringComparer.Ordinal);
}
