using Cybernode.Build.Steps;

namespace Cybernode.Build.Caching;

/// <summary>
/// A step whose result is a folder it fills from its inputs, so <see cref="StepCache"/> can skip it
/// when they are unchanged and put the folder back instead. Host scripts and build runs are such
/// steps: their output is bin/.
/// </summary>
public interface ICacheableStep
{
    StepId Id { get; }

    /// <summary>The folder whose files are inputs (the service folder, as .dockerignore filters it).</summary>
    string InputFolder { get; }

    /// <summary>The folder the step fills, inside <see cref="InputFolder"/> and left out of its inputs.</summary>
    string OutputFolder { get; }

    /// <summary>The variables cybernode sets for the step, by name; a secret's value never, only that it is given.</summary>
    IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>The identities of the images the step runs or starts FROM (the build image's ID, bases by digest), by what they are to it.</summary>
    Task<IReadOnlyDictionary<string, string>> ImagesAsync(CancellationToken cancellationToken);
}
