using Cybernode.Providers;

namespace Cybernode.Build.Containers;

internal static class EngineFailures
{
    /// <summary>
    /// An engine's failure as the user error of the file it concerns: a command that ran and failed
    /// keeps its exit code and last lines and points to the whole log; an engine that cannot be
    /// used keeps its own hint.
    /// </summary>
    public static UserError ToUserError(ProviderException error, string? file, string logPath) =>
        error is EngineCommandFailedException
            ? new UserError(error.Message, file, hint: $"the whole output is in {logPath}", inner: error)
            : new UserError(error.Message, file, hint: error.Hint, inner: error);
}
