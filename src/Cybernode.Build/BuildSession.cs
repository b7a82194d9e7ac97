using Cybernode.Build.Assembly;
using Cybernode.Build.Caching;
using Cybernode.Build.Containers;
using Cybernode.Build.Planning;
using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Tagging;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.FileSystem;
using Cybernode.Oci.Store;
using Cybernode.Providers;

namespace Cybernode.Build;

/// <summary>What every step of one build shares: the workspace and options, the parsed Dockerfiles, the store, the engine when the build uses one, and the stat cache of the workspace's files.</summary>
public sealed record BuildSession(
    Workspace Workspace, BuildOptions Options, Dockerfiles Dockerfiles, OciLayoutStore Store, IContainerProvider? Provider, EngineImages? Images, IBuildEvents Events, StatCache Stats)
{
    // The run image's cache key hashes bin/ through the stat cache: an unchanged bin/ is not read again.
    public InProcessAssembler InProcess { get; } = new(Store, Options.Assembler, async (path, token) => (await Stats.DigestAsync(path, RegularFile.StampOf(path), token)).Hex);

    /// <summary>The workspace's git revision for tag templates, asked of git once per build.</summary>
    public GitRevision Git { get; } = new(Workspace.Root);

    public string LogFolder => Path.Combine(Workspace.Root, ".cybernode", "logs");

    /// <summary>Where archives between the store and an engine are written for a moment.</summary>
    public static string ScratchFolderOf(Workspace workspace) => Path.Combine(workspace.Root, ".cybernode", "tmp");
}
