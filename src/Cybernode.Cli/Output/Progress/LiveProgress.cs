using System.Collections.Concurrent;
using Cybernode.Build;
using Cybernode.Build.Reporting;
using Cybernode.Build.Reporting.Events;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cybernode.Cli.Output.Progress;

/// <summary>
/// <c>--progress tty</c>: a live region redrawn every <c>refresh</c> (the counter and one line per
/// running service), failures and moved bases printed above it as they happen, and a table of the
/// results at the end. The steps' own output is not shown (it is in the service logs); a failure
/// prints the failing step's last lines and its log path. On a console without escape codes
/// (TERM=dumb, a pipe) there is no live region: failures as they happen, then the table.
/// </summary>
public sealed class LiveProgress : IProgressView
{
    private readonly IAnsiConsole _console;
    private readonly TimeProvider _time;
    private readonly LiveBoard _board = new();
    private readonly ConcurrentQueue<IRenderable> _notes = new();
    private readonly Lock _writing = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _live;

    public LiveProgress(IAnsiConsole console, TimeSpan refresh, TimeProvider time)
    {
        _console = console;
        _time = time;
        _live = console.Profile.Capabilities.Ansi ? Task.Run(() => ShowLiveAsync(refresh)) : Task.CompletedTask;
    }

    public void Report(BuildEvent buildEvent)
    {
        _board.Apply(buildEvent);
        IRenderable? note = buildEvent switch
        {
            ServiceFinished { Result.Status: ServiceStatus.Failed } failed => Failure(failed.Result),
            BaseLockMoved moved => new OneLine().Add(ServiceLines.LockMoved(moved.Service, moved.Change)),
            _ => null,
        };
        if (note is null)
        {
            return;
        }

        _notes.Enqueue(note);
        if (_live.IsCompleted)
        {
            WriteNotes();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _live;
        _stop.Dispose();
        WriteNotes();
        var results = _board.Results();
        if (results.Count > 0)
        {
            _console.Write(ResultTable.Create(results, _board.WallTime(_time.GetUtcNow())));
        }
    }

    private static Rows Failure(ServiceResult result) => new(
        new OneLine().Add($"[{result.Name}] FAILED", StatusStyles.Of(ServiceStatus.Failed)),
        new Text(ReadableText.Limit(result.Error ?? "")));

    private async Task ShowLiveAsync(TimeSpan refresh)
    {
        // Cleared at the end: the table takes its place.
        await _console.Live(Text.Empty).AutoClear(true).Cropping(VerticalOverflowCropping.Bottom).StartAsync(async context =>
        {
            while (true)
            {
                WriteNotes();
                context.UpdateTarget(_board.View(_time.GetUtcNow()));
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                try
                {
                    await Task.Delay(refresh, _time, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    // Drawn once more, with what happened last.
                }
            }
        });
    }

    /// <summary>Prints the notes that came in (above the live region while it is shown); one writer at a time.</summary>
    private void WriteNotes()
    {
        lock (_writing)
        {
            while (_notes.TryDequeue(out var note))
            {
                _console.Write(note);
            }
        }
    }
}
