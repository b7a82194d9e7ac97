using Cybernode.Differential.Tests.Corpus;
using Cybernode.Differential.Tests.Snapshots;

namespace Cybernode.Differential.Tests.Engines;

/// <summary>
/// Debian's docker 20.10 on the suite's dockerd, with its legacy builder or its built-in BuildKit
/// (DOCKER_BUILDKIT). No case has RUN, so BuildKit needs no network here.
/// </summary>
public sealed class DockerBuilder(bool buildKit) : IImageBuilder
{
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal) { ["DOCKER_BUILDKIT"] = buildKit ? "1" : "0" };

    public string Name => buildKit ? "buildkit" : "docker";

    public async Task LoadBaseAsync(OciLayoutImage baseImage, string scratch, CancellationToken cancellationToken)
    {
        var docker = DockerDaemon.Connect();
        var archive = Path.Combine(scratch, "base.tar");
        await Skopeo.CopyAsync(baseImage.SkopeoReference, $"docker-archive:{archive}:{BaseImage.Tag}", cancellationToken);
        (await docker.DockerAsync(["load", "--quiet", "--input", archive], cancellationToken)).EnsureSuccess();
    }

    public async Task<BuildOutcome> BuildAsync(DifferentialCase @case, string context, string scratch, CancellationToken cancellationToken)
    {
        var docker = DockerDaemon.Connect();
        var tag = $"cybernode-differential/{@case.Name}:{Name}";
        var build = await docker.DockerAsync(
            // --no-cache: builds of several cases run at once on one daemon, and one case's rmi
            // removed a cached step another case was reusing ("unable to find image").
            ["build", "--quiet", "--no-cache", "--tag", tag, .. @case.BuildArgFlags, context],
            cancellationToken,
            _environment);
        if (!build.Succeeded)
        {
            return BuildOutcome.Failed(Name, build.StandardError.Trim());
        }

        try
        {
            var archive = Path.Combine(scratch, "image.tar");
            (await docker.DockerAsync(["save", "--output", archive, tag], cancellationToken)).EnsureSuccess();
            return BuildOutcome.Built(Name, await DockerArchiveSnapshot.ReadAsync(archive, scratch, cancellationToken));
        }
        finally
        {
            await docker.DockerAsync(["rmi", "--force", tag], CancellationToken.None);
        }
    }
}
