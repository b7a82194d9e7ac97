namespace Cybernode.Build.Tests.Steps;

/// <summary>How many fake steps run at this moment, and the most that ever ran at once.</summary>
public sealed class Concurrency
{
    private int _now;
    private int _most;

    public int Most => Volatile.Read(ref _most);

    public void Enter()
    {
        var now = Interlocked.Increment(ref _now);
        int most;
        while (now > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, most) != most)
        {
        }
    }

    public void Leave() => Interlocked.Decrement(ref _now);
}
