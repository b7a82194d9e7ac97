using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Cybernode.Oci.Registry;

/// <summary>
/// The one way registry steps are repeated: a Polly pipeline of retries (exponential backoff with
/// jitter, or the registry's Retry-After) around a timeout sized to the bytes the step moves. Only
/// steps that are safe to repeat run through it: reads, manifest puts, and whole blob uploads that
/// check first whether the blob arrived after all.
/// </summary>
internal sealed class RegistryRetry
{
    private static readonly ResiliencePropertyKey<long> BytesKey = new("cybernode.bytes");

    private readonly ResiliencePipeline pipeline;

    public RegistryRetry(RegistryClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryAfter,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, options.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is TransientStatusException { RetryAfter: { } wait } ? wait : (TimeSpan?)null),
            });
        }

        pipeline = builder
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(options.TimeoutFor(args.Context.Properties.GetValue(BytesKey, 0))),
            })
            .Build();
    }

    /// <summary>
    /// Runs <paramref name="step"/> until it succeeds, fails in a way another attempt cannot fix,
    /// or the attempts run out. The step gets its attempt number (from 0), so a repeated upload can
    /// first ask whether the blob arrived after all.
    /// </summary>
    public async Task<T> RunAsync<T>(long bytes, Func<int, CancellationToken, Task<T>> step, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(BytesKey, bytes);
        var attempt = 0;
        try
        {
            return await pipeline.ExecuteAsync(async ctx => await step(attempt++, ctx.CancellationToken), context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool ShouldRetry(Exception? error, TimeSpan maxRetryAfter) => error switch
    {
        null => false,
        TransientStatusException { RetryAfter: { } wait } => wait <= maxRetryAfter,
        _ => RegistryErrors.IsTransient(error),
    };
}
