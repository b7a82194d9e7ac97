using Cybernode.Build;
using Cybernode.Oci.Store;

namespace Cybernode.Cli.Commands;

/// <summary>Finds images in the store for commands that read it, with one error when it is not there.</summary>
public static class StoreAccess
{
    public static async Task<(OciLayoutStore Store, TaggedImage Image)> FindAsync(string location, string reference, CancellationToken cancellationToken)
    {
        var store = Directory.Exists(location) ? OciLayoutStore.OpenExisting(location) : null;
        var found = store is null ? null : await ImageReader.FindAsync(store, reference, cancellationToken);
        return found is null
            ? throw new UserError($"no image '{reference}' in the store {location}", hint: "list what is there with: cybernode images")
            : (store!, found);
    }
}
