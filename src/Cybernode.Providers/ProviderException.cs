namespace Cybernode.Providers;

/// <summary>
/// A container engine could not do what was asked, told in one line (<see cref="Exception.Message"/>)
/// plus what to do about it (<see cref="Hint"/>). The CLI prints it as a user error, never as a trace.
/// </summary>
public class ProviderException(string message, string? hint = null, Exception? inner = null) : Exception(message, inner)
{
    public string? Hint { get; } = hint;
}
