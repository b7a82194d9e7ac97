using System.CommandLine;
using Cybernode.Build.Workspaces;

namespace Cybernode.Cli.Commands;

/// <summary>Options several commands share, defined once so they read the same everywhere.</summary>
public static class CommonOptions
{
    public const string StoreVariable = "CYBERNODE_STORE";
    public const string WorkspaceOption = "--workspace";

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON document for machines instead of text" };

    public static Option<string?> Store() => new("--store")
    {
        Description = $"The image store (an OCI layout folder); default ${StoreVariable}, else WORKSPACE/.cybernode/store",
    };

    public static Option<string> Workspace() => new(WorkspaceOption, "-w")
    {
        Description = "The workspace whose store to use: the nearest folder at or above it holding cybernode.yaml or .cybernode/, else the folder itself",
        DefaultValueFactory = _ => ".",
    };

    /// <summary>--store, else $CYBERNODE_STORE, else the store of the workspace found at or above <paramref name="workspace"/>.</summary>
    public static string ResolveStore(string? store, string workspace) => ExplicitStore(store) ?? WorkspaceStore(workspace);

    /// <summary>The store named by --store or $CYBERNODE_STORE; null when the workspace's own is meant.</summary>
    public static string? ExplicitStore(string? store) => store ?? NonEmpty(Environment.GetEnvironmentVariable(StoreVariable));

    public static string WorkspaceStore(string workspace) =>
        WorkspaceMarkers.StorePath(WorkspaceMarkers.FindRoot(workspace));

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
