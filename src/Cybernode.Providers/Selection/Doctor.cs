namespace Cybernode.Providers.Selection;

/// <summary>Probes every engine at once, for <c>cybernode doctor</c>.</summary>
public sealed class Doctor(IReadOnlyList<IContainerProvider> providers)
{
    /// <summary>One status per provider, in the providers' order.</summary>
    public async Task<IReadOnlyList<ProviderStatus>> CheckAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(providers.Select(p => p.ProbeAsync(cancellationToken)));
}
