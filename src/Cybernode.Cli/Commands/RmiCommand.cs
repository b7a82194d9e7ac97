using System.CommandLine;
using Cybernode.Build;
using Cybernode.Cli.Output;
using Cybernode.Cli.Output.Reports;
using Cybernode.Oci.Store;

namespace Cybernode.Cli.Commands;

/// <summary>
/// <c>cybernode rmi REF...</c>: remove image names from the store, all of them or none. The blobs
/// stay until <c>store gc</c> (or <c>--prune</c>): a running build may be about to use them.
/// </summary>
public static class RmiCommand
{
    public static Command Create()
    {
        var references = new Argument<string[]>("REF")
        {
            Description = "Images as images lists them: a name, a service of the workspace, or a digest (prefix)",
            Arity = ArgumentArity.OneOrMore,
        };
        var force = new Option<bool>("--force", "-f") { Description = "Given a digest of an image with several names, remove them all" };
        var prune = new Option<bool>("--prune") { Description = "Then free the blobs no image uses (store gc; waits for running builds)" };
        var json = CommonOptions.Json();
        var store = CommonOptions.Store();
        var workspace = CommonOptions.Workspace();
        var command = new Command("rmi", "Remove images (names) from the store; their blobs are freed by store gc, or at once with --prune")
        {
            references, force, prune, json, store, workspace,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var location = CommonOptions.ResolveStore(parse.GetValue(store), parse.GetValue(workspace)!);
            IReadOnlyList<TaggedImage> removed;
            long unreferenced;
            using (var opened = await StoreAccess.OpenForWritingAsync(location, cancellationToken))
            {
                var names = await NamesAsync(opened, parse.GetValue(references)!, parse.GetValue(workspace)!, parse.GetValue(force), cancellationToken);
                removed = await opened.UntagAsync(names, cancellationToken);
                unreferenced = (await StoreUsage.MeasureAsync(opened, cancellationToken)).UnreferencedBytes;
            }

            var gc = parse.GetValue(prune) ? await StoreGc.RunAsync(location, dryRun: false, cancellationToken) : null;
            var untagged = removed.Select(r => new NamedImageReport(r.Name, r.Manifest.Digest.ToString())).ToList();
            if (parse.GetValue(json))
            {
                JsonOutput.Write(Console.Out, new RmiReport(Path.GetFullPath(location), untagged, gc is null ? unreferenced : 0, gc is null ? null : StoreGc.Report(gc)));
                return ExitCodes.Success;
            }

            untagged.ForEach(u => Console.Out.WriteLine($"untagged: {u.Name} ({u.Digest})"));
            if (gc is null)
            {
                Console.Out.WriteLine($"{ImagesCommand.HumanSize(unreferenced)} of blobs no image uses: cybernode store gc frees them");
            }
            else
            {
                StoreGc.Print(gc);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The names REFs stand for, all found before anything is removed: a name (or service) is that
    /// name; a digest is every name of its image, which takes --force when there are several, as docker's rmi.
    /// </summary>
    private static async Task<HashSet<string>> NamesAsync(OciLayoutStore store, string[] references, string workspace, bool force, CancellationToken cancellationToken)
    {
        var all = await store.ListAsync(cancellationToken);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var reference in references)
        {
            var found = await ImageLookup.FindAsync(store, reference, workspace, cancellationToken);
            if (found is null)
            {
                missing.Add(reference);
                continue;
            }

            var named = ImageLookup.NamesImage(reference, found, workspace)
                ? [found.Name]
                : all.Where(i => i.Manifest.Digest == found.Manifest.Digest).Select(i => i.Name).ToList();
            if (named.Count > 1 && !force)
            {
                throw new UserError($"'{reference}' is the image of {named.Count} names: {string.Join(", ", named)}", hint: "remove them by name, or all of them with --force");
            }

            names.UnionWith(named);
        }

        return missing.Count == 0 ? names : throw StoreAccess.NotFound(missing, store.Location);
    }
}
