using Cybernode.Differential.Tests.Corpus;
using Cybernode.Differential.Tests.Snapshots;

namespace Cybernode.Differential.Tests.Engines;

/// <summary>Something that builds a case's Dockerfile into an image: cybernode in-process, or a reference engine.</summary>
public interface IImageBuilder
{
    /// <summary>The name the results and the known differences use: cybernode, docker, buildkit, buildah.</summary>
    string Name { get; }

    /// <summary>Makes the shared base image (<see cref="BaseImage.Name"/>) available to this builder; called once per run.</summary>
    Task LoadBaseAsync(OciLayoutImage baseImage, string scratch, CancellationToken cancellationToken);

    /// <summary>Builds the case from its prepared <paramref name="context"/>; <paramref name="scratch"/> is this build's own empty folder.</summary>
    Task<BuildOutcome> BuildAsync(DifferentialCase @case, string context, string scratch, CancellationToken cancellationToken);
}
