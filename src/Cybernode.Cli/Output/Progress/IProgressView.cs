using Cybernode.Build.Reporting.Events;

namespace Cybernode.Cli.Output.Progress;

/// <summary>A console view of a build's events; disposing it finishes what it shows (the live view draws its final table).</summary>
public interface IProgressView : IBuildEvents, IAsyncDisposable;
