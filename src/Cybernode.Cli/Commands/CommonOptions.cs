using System.CommandLine;

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
        Description = "The workspace whose store to use",
        DefaultValueFactory = _ => ".",
    };

    /// <summary>--store, else $CYBERNODE_STORE, else the workspace's own store.</summary>
    public static string ResolveStore(string? store, string workspace) =>
        store ?? NonEmpty(Environment.GetEnvironmentVariable(StoreVariable)) ?? Path.Combine(Path.GetFullPath(workspace), ".cybernode", "store");

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
