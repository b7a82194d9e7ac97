using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Steps;

namespace Cybernode.Build.Reporting;

/// <summary>What one step prints, into its service's log: its own lines here, an engine's messages through <see cref="Engine"/>.</summary>
public sealed class StepLog : IProgress<string>
{
    internal StepLog(ServiceLog log, StepId step)
    {
        Path = log.Path;
        Own = value => log.Write(step, value, OutputOrigin.Step);
        Engine = new Progress(value => log.Write(step, value, OutputOrigin.Engine));
    }

    /// <summary>The service's log file, which a failure points to.</summary>
    public string Path { get; }

    /// <summary>Where an engine's build, load and save commands print.</summary>
    public IProgress<string> Engine { get; }

    private Action<string> Own { get; }

    public void Report(string value) => Own(value);

    /// <summary>Synchronous, unlike <see cref="Progress{T}"/>: lines keep their order and reach the log before the step ends.</summary>
    private sealed class Progress(Action<string> write) : IProgress<string>
    {
        public void Report(string value) => write(value);
    }
}
