using Cybernode.Build;
using Cybernode.Oci.FileSystem;
using Cybernode.Oci.Store;

namespace Cybernode.Cli.Commands;

/// <summary>Opens the store for commands that read it, with one error when it is not there.</summary>
public static class StoreAccess
{
    /// <summary>The image REF names (see <see cref="ImageLookup"/>); <paramref name="workspace"/> gives the namespace of service names.</summary>
    public static async Task<(OciLayoutStore Store, TaggedImage Image)> FindAsync(string location, string reference, string workspace, CancellationToken cancellationToken)
    {
        var store = Exists(location) ? OciLayoutStore.OpenExisting(location) : null;
        var found = store is null ? null : await ImageLookup.FindAsync(store, reference, workspace, cancellationToken);
        return found is null ? throw NotFound([reference], location) : (store!, found);
    }

    /// <summary>The one error for references that name no image of the store.</summary>
    public static UserError NotFound(IReadOnlyList<string> references, string location) =>
        new($"no image {string.Join(", ", references.Select(r => $"'{r}'"))} in the store {location}", hint: "list what is there with: cybernode images");

    /// <summary>An existing store opened for writing: waits (saying so) while store gc runs, and keeps gc out until disposed.</summary>
    public static async Task<OciLayoutStore> OpenForWritingAsync(string location, CancellationToken cancellationToken)
    {
        OpenExisting(location).Dispose();
        return await OciLayoutStore.OpenAsync(location, cancellationToken, () => Console.Error.WriteLine($"waiting for store gc of {location} to finish"));
    }

    /// <summary>A store that must exist already (verify, gc).</summary>
    public static OciLayoutStore OpenExisting(string location) =>
        Exists(location)
            ? OciLayoutStore.OpenExisting(location)
            : throw new UserError($"{Path.GetFullPath(location)}: there is no image store here", hint: "build or import an image first, or name the store with --store");

    /// <summary>Whether anything is at the store's path: a file there is refused by the store itself, in one line.</summary>
    public static bool Exists(string location) => RegularFile.KindOf(Path.GetFullPath(location), followLinks: true) != FileKind.Missing;
}
