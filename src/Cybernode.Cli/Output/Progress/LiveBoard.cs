using Cybernode.Build.Reporting;
using Cybernode.Build.Reporting.Events;
using Cybernode.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cybernode.Cli.Output.Progress;

/// <summary>
/// What the live view knows of a build, kept from its events (which come from several steps at
/// once): the services running now with their current step, how many services and steps are done,
/// and the results so far.
/// </summary>
public sealed class LiveBoard
{
    private static readonly Style Dim = new(decoration: Decoration.Dim);

    private readonly Lock _gate = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly List<ServiceResult> _results = [];
    private DateTimeOffset? _started;
    private TimeSpan? _duration;
    private int _steps;
    private int _stepsDone;

    public void Apply(BuildEvent buildEvent)
    {
        lock (_gate)
        {
            _started ??= buildEvent.Time;
            switch (buildEvent)
            {
                case BuildStarted started:
                    _order.AddRange(started.Services.Where(s => !_order.Contains(s)));
                    _steps = started.Steps;
                    break;
                case StepStarted started:
                    Start(started.Step.Service, started.Title, started.Time);
                    break;
                case ServiceNotice notice:
                    Start(notice.Service, notice.Message, notice.Time);
                    break;
                case StepProgressed progressed when _running.TryGetValue(progressed.Step.Service, out var running):
                    running.Bytes = progressed.Bytes;
                    break;
                case StepFinished:
                    _stepsDone++;
                    break;
                case ServiceFinished finished:
                    _running.Remove(finished.Result.Name);
                    _results.Add(finished.Result);
                    break;
                case BuildFinished finished:
                    _duration = finished.Duration;
                    break;
            }
        }
    }

    /// <summary>The results in build order, services refused before the build first.</summary>
    public IReadOnlyList<ServiceResult> Results()
    {
        lock (_gate)
        {
            return [.. _results.OrderBy(r => _order.IndexOf(r.Name))];
        }
    }

    /// <summary>How long the build took: as its end reported, else since its first event.</summary>
    public TimeSpan WallTime(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _duration ?? (_started is { } started ? now - started : TimeSpan.Zero);
        }
    }

    /// <summary>The live region: the counter, then one line per running service in build order.</summary>
    public IRenderable View(DateTimeOffset now)
    {
        lock (_gate)
        {
            var total = Math.Max(_order.Count, _results.Count + _running.Count);
            var counter = new OneLine().Add($"{_results.Count}/{total} services", new Style(decoration: Decoration.Bold));
            if (_steps > 0)
            {
                counter.Add($" · {_stepsDone}/{_steps} steps");
            }

            counter.Add($" · {BuildSummary.Seconds(WallTime(now))}", Dim);
            var running = _running.OrderBy(r => Position(r.Key)).ThenBy(r => r.Value.Since).ToList();
            var width = running.Count == 0 ? 0 : running.Max(r => r.Key.Length);
            return new Rows([counter, .. running.Select(r => Line(r.Key.PadRight(width), r.Value, now))]);
        }
    }

    private static OneLine Line(string service, Running running, DateTimeOffset now)
    {
        var line = new OneLine()
            .Add("  ")
            .Add(service, new Style(Color.Aqua))
            .Add($"  {running.Title}")
            .Add($"  {BuildSummary.Seconds(now - running.Since)}", Dim);
        return running.Bytes is { } bytes ? line.Add($"  {ImagesCommand.HumanSize(bytes)}", Dim) : line;
    }

    private int Position(string service)
    {
        var index = _order.IndexOf(service);
        return index < 0 ? int.MaxValue : index;
    }

    private void Start(string service, string title, DateTimeOffset time)
    {
        if (_running.TryGetValue(service, out var running))
        {
            running.Title = title;
            running.Bytes = null;
        }
        else
        {
            _running[service] = new Running(title, time);
        }
    }

    /// <summary>A service while it runs: its current step (or what it waits for), since when, and the bytes that step wrote.</summary>
    private sealed class Running(string title, DateTimeOffset since)
    {
        public string Title { get; set; } = title;

        public DateTimeOffset Since { get; } = since;

        public long? Bytes { get; set; }
    }
}
