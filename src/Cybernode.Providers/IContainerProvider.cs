using Cybernode.Oci.Model;

namespace Cybernode.Providers;

/// <summary>
/// One container engine (docker, podman, buildah) as cybernode needs it: build an image from a
/// Dockerfile, run a build image with the service's output folder at /build, and move images in
/// and out as archive files. Engine failures surface as <see cref="ProviderException"/>.
/// </summary>
/// <remarks>
/// Output lines are reported synchronously, in order, on a background thread: pass an
/// <see cref="IProgress{T}"/> that handles them at once (not <see cref="Progress{T}"/>, which
/// reorders them through the thread pool).
/// </remarks>
public interface IContainerProvider
{
    /// <summary>The name users choose it by: docker, podman or buildah.</summary>
    string Name { get; }

    /// <summary>The archive format this engine loads and saves best (docker-archive for docker, oci-archive otherwise).</summary>
    ArchiveFormat PreferredArchiveFormat { get; }

    /// <summary>Checks, without throwing, whether the engine is installed and answers.</summary>
    Task<ProviderStatus> ProbeAsync(CancellationToken cancellationToken);

    Task BuildImageAsync(BuildImageRequest request, IProgress<string> output, CancellationToken cancellationToken);

    /// <summary>
    /// Runs the image's command with <see cref="RunBuildRequest.OutputDirectory"/> mounted at /build
    /// and returns when it exits; the container is removed whether it succeeds, fails or is cancelled.
    /// </summary>
    /// <exception cref="EngineCommandFailedException">the command exited non-zero.</exception>
    Task RunBuildAsync(RunBuildRequest request, IProgress<string> output, CancellationToken cancellationToken);

    /// <summary>Loads every image an archive names into the engine, under the names the archive gives.</summary>
    Task LoadImageAsync(string archivePath, ArchiveFormat format, IProgress<string> output, CancellationToken cancellationToken);

    Task SaveImageAsync(string image, string targetPath, ArchiveFormat format, IProgress<string> output, CancellationToken cancellationToken);

    /// <summary>
    /// The engine's id of an image (its config digest, for images loaded from archives), or null when
    /// the engine has no image of that name; lets callers skip loading what the engine already has.
    /// </summary>
    Task<Digest?> ImageIdAsync(string image, CancellationToken cancellationToken);

    /// <summary>Removes an image (this name of it) from the engine, best effort: never throws.</summary>
    Task RemoveImageAsync(string image);

    /// <summary>Gives an image the engine holds one more name, as <c>docker tag</c> does.</summary>
    Task TagImageAsync(string image, string newName, CancellationToken cancellationToken);

    /// <summary>The commands <see cref="BuildImageAsync"/> runs, for a dry run; needs no engine.</summary>
    IReadOnlyList<EngineCommand> PlanBuildImage(BuildImageRequest request);

    /// <summary>The commands <see cref="RunBuildAsync"/> runs, for a dry run; needs no engine.</summary>
    IReadOnlyList<EngineCommand> PlanRunBuild(RunBuildRequest request);

    /// <summary>The commands <see cref="LoadImageAsync"/> runs, for a dry run; needs no engine.</summary>
    IReadOnlyList<EngineCommand> PlanLoadImage(string archivePath, ArchiveFormat format);

    /// <summary>The commands <see cref="SaveImageAsync"/> runs, for a dry run; needs no engine.</summary>
    IReadOnlyList<EngineCommand> PlanSaveImage(string image, string targetPath, ArchiveFormat format);

    /// <summary>The commands <see cref="TagImageAsync"/> runs, for a dry run; needs no engine.</summary>
    IReadOnlyList<EngineCommand> PlanTagImage(string image, string newName);
}
