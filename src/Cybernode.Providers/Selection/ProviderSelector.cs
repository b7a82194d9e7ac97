namespace Cybernode.Providers.Selection;

/// <summary>Turns the user's choice (auto or an engine name) into a provider that works here, or says why none does.</summary>
public sealed class ProviderSelector(IReadOnlyList<IContainerProvider> providers)
{
    public const string Auto = "auto";

    /// <summary>Every choice a user may give: auto, then the engines in order.</summary>
    public IReadOnlyList<string> Choices => [Auto, .. providers.Select(p => p.Name)];

    public async Task<IContainerProvider> SelectAsync(string choice, CancellationToken cancellationToken)
    {
        if (choice == Auto)
        {
            var refusals = new List<ProviderStatus>();
            foreach (var provider in providers)
            {
                var status = await provider.ProbeAsync(cancellationToken);
                if (status.Usable)
                {
                    return provider;
                }

                refusals.Add(status);
            }

            throw new ProviderException(
                "no container engine is usable: " + string.Join("; ", refusals.Select(s => s.Reason)),
                refusals.Select(s => s.Hint).FirstOrDefault(h => h is not null) ?? "install docker.io, podman or buildah");
        }

        var chosen = providers.FirstOrDefault(p => p.Name == choice)
            ?? throw new ProviderException($"unknown provider '{choice}'", $"use one of {string.Join(", ", Choices)}");
        var chosenStatus = await chosen.ProbeAsync(cancellationToken);
        return chosenStatus.Usable ? chosen : throw new ProviderException(chosenStatus.Reason ?? $"{choice} is not usable", chosenStatus.Hint);
    }
}
