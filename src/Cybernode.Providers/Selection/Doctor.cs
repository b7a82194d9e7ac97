namespace Cybernode.Providers.Selection;

/// <summary>Checks every engine at once, for <c>cybernode doctor</c>: does it answer, and can it really start a container.</summary>
public sealed class Doctor(IReadOnlyList<IContainerProvider> providers)
{
    /// <summary>One status per provider, in the providers' order.</summary>
    public async Task<IReadOnlyList<ProviderStatus>> CheckAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(providers.Select(p => CheckAsync(p, cancellationToken)));

    private static async Task<ProviderStatus> CheckAsync(IContainerProvider provider, CancellationToken cancellationToken)
    {
        var answered = await provider.ProbeAsync(cancellationToken);
        return answered.Usable ? await ContainerProbe.RunAsync(provider, answered, cancellationToken) : answered;
    }
}
