using Cybernode.Build.Planning;
using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Store;
using Cybernode.Providers;

namespace Cybernode.Build.Bases;

/// <summary>
/// Before any step runs: every base the services start FROM is pulled or found (a missing base
/// found after a long 01build.sh wastes it), each base newly locked or moved reported as <see cref="BaseLockMoved"/>.
/// </summary>
public sealed class BasePreparation(BuildSession session, RegistryBases? registry)
{
    /// <summary>The names set to a chosen digest, and per service the bases it cannot have (then nothing builds).</summary>
    public async Task<(IReadOnlySet<string> Pinned, IReadOnlyDictionary<string, IReadOnlyList<UserError>> Missing)> RunAsync(
        IReadOnlyList<Service> services, CancellationToken cancellationToken)
    {
        var (workspace, options, store, events) = (session.Workspace, session.Options, session.Store, session.Events);
        var uses = BaseUses.Find(workspace, options, session.Dockerfiles, services);
        var bases = options.Pull == PullPolicy.Never
            ? null
            : await new BaseResolver(workspace.Root, store, registry, options.Pull, new MissingBaseImages(options, store, session.Provider))
                .ResolveAsync(uses, (service, message) => events.Report(new ServiceNotice(service, message)), cancellationToken);
        foreach (var moved in bases?.Locked.Where(c => c is { Changed: true, New: not null }) ?? [])
        {
            var service = uses.First(u => u.Mention.Image.FamiliarName == moved.Base.Reference && u.Mention.Platform == moved.Base.Platform).Service;
            events.Report(new BaseLockMoved(service, moved));
        }

        // Asked anew: what the resolver found missing may have been pulled since.
        var missing = bases is { Failures.Count: > 0 } ? bases.Failures : await new MissingBaseImages(options, store, session.Provider).FindAsync(uses, cancellationToken);
        return (bases?.Pinned ?? new HashSet<string>(), missing);
    }
}
