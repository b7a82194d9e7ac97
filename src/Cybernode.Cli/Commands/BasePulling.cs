using System.CommandLine;
using Cybernode.Build;
using Cybernode.Build.Bases;
using Cybernode.Build.Reporting;
using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Workspaces;

namespace Cybernode.Cli.Commands;

/// <summary>The --pull option, and the registry access builds and <c>update</c> get for remote bases.</summary>
public static class BasePulling
{
    private const string Missing = "missing";
    private const string Always = "always";
    private const string Never = "never";

    public static Option<string> PullOption()
    {
        var pull = new Option<string>("--pull")
        {
            Description = $"When to ask a remote base's registry: missing (only for a base neither locked in {BaseLock.FileName} and the store, nor in the store by name), "
                + "always (resolve every tag again; a moved tag updates the lock and is reported) or never (store only)",
            DefaultValueFactory = _ => Missing,
        };
        pull.AcceptOnlyFromAmong(Missing, Always, Never);
        return pull;
    }

    public static PullPolicy Policy(string value) => value switch
    {
        Always => PullPolicy.Always,
        Never => PullPolicy.Never,
        _ => PullPolicy.Missing,
    };

    public static async Task<IReadOnlyList<ServiceResult>> BuildAsync(IBuildEvents events, Workspace workspace, BuildOptions options, CancellationToken cancellationToken)
    {
        using var registries = RegistryTransfers.Open(workspace.Settings.InsecureRegistries);
        return await new BuildEngine(events, new RegistryBases(registries)).BuildAsync(workspace, options, cancellationToken);
    }

    public static async Task<BaseResolution> UpdateAsync(
        Workspace workspace, BuildOptions options, IReadOnlyList<string> references, Action<string, string> tell, CancellationToken cancellationToken)
    {
        using var registries = RegistryTransfers.Open(workspace.Settings.InsecureRegistries);
        return await BaseUpdate.RunAsync(workspace, options, references, new RegistryBases(registries), tell, cancellationToken);
    }
}
