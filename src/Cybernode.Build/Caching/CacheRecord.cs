using Cybernode.Oci.Model;

namespace Cybernode.Build.Caching;

/// <summary>
/// One cached step result in the store: an unnamed index.json entry (so store verify and gc see it
/// as a root, and no image listing shows it) pointing at a manifest whose config is the
/// <see cref="StepResult"/> and whose layers are the output files' blobs.
/// </summary>
/// <param name="Workspace">The workspace root it was built in.</param>
/// <param name="Step">The step, as <c>SERVICE/KIND</c>.</param>
/// <param name="Key">The <see cref="StepInputs.Key"/> it is found by.</param>
/// <param name="Created">When it was stored (UTC, round-trip format, so ordinal order is time order).</param>
public sealed record CacheRecord(string Workspace, string Step, string Key, string Created, Descriptor Manifest)
{
    public const string WorkspaceAnnotation = "dev.cybernode.cache.workspace";
    public const string StepAnnotation = "dev.cybernode.cache.step";
    public const string KeyAnnotation = "dev.cybernode.cache.key";
    public const string CreatedAnnotation = "dev.cybernode.cache.created";

    /// <summary>The record an index.json entry is, or null for any other entry.</summary>
    public static CacheRecord? From(Descriptor entry) =>
        entry.Annotation(StepAnnotation) is { } step && entry.Annotation(KeyAnnotation) is { } key && MediaTypes.IsManifest(entry.MediaType)
            ? new CacheRecord(entry.Annotation(WorkspaceAnnotation) ?? "", step, key, entry.Annotation(CreatedAnnotation) ?? "", entry)
            : null;

    /// <summary>The index.json entry of this record.</summary>
    public Descriptor ToEntry() => Manifest with
    {
        Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [WorkspaceAnnotation] = Workspace,
            [StepAnnotation] = Step,
            [KeyAnnotation] = Key,
            [CreatedAnnotation] = Created,
        },
    };

    public bool IsOf(string workspace, string step) => Workspace == workspace && Step == step;
}
