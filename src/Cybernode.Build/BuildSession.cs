using Cybernode.Build.Assembly;
using Cybernode.Build.Containers;
using Cybernode.Build.Planning;
using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Store;
using Cybernode.Providers;

namespace Cybernode.Build;

/// <summary>What every step of one build shares: the workspace and options, the parsed Dockerfiles, the store, and the engine when the build uses one.</summary>
public sealed record BuildSession(
    Workspace Workspace, BuildOptions Options, Dockerfiles Dockerfiles, OciLayoutStore Store, IContainerProvider? Provider, EngineImages? Images, IBuildEvents Events)
{
    public InProcessAssembler InProcess { get; } = new(Store, Options.Assembler);

    public string LogFolder => Path.Combine(Workspace.Root, ".cybernode", "logs");

    /// <summary>Where archives between the store and an engine are written for a moment.</summary>
    public static string ScratchFolderOf(Workspace workspace) => Path.Combine(workspace.Root, ".cybernode", "tmp");
}
