namespace Cybernode.Providers.Tests.Support;

/// <summary>Collects output lines at once and in order; optionally acts on each one as it arrives.</summary>
public sealed class Lines(Action<string>? onLine = null) : IProgress<string>
{
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public void Report(string value)
    {
        lock (_gate)
        {
            _lines.Add(value);
        }

        onLine?.Invoke(value);
    }
}
