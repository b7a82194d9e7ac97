namespace Cybernode.Providers.Engines;

internal static class Probe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Runs the engine's version command; any failure becomes an unusable status with the reason and hint.</summary>
    public static async Task<ProviderStatus> RunAsync(EngineCli cli, IReadOnlyList<string> versionArguments, Func<string, string?> parseVersion, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var result = await cli.RunAsync(versionArguments, null, timeout.Token);
            return new ProviderStatus(cli.Engine, true, parseVersion(result.StandardOutput), null, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProviderStatus(cli.Engine, false, null, $"{cli.Engine} did not answer within {Timeout.TotalSeconds:0} s", $"check that {cli.Engine} works: {cli.Command(versionArguments).ShellText}");
        }
        catch (ProviderException e)
        {
            return new ProviderStatus(cli.Engine, false, null, e.Message.Split('\n')[0], e.Hint);
        }
    }
}
