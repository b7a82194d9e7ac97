using Cybernode.Differential.Tests.Corpus;
using Cybernode.Differential.Tests.Snapshots;

namespace Cybernode.Differential.Tests.Engines;

/// <summary>
/// buildah bud with storage of its own (vfs, under the run's scratch folder) and the docker image
/// format: the OCI format drops SHELL, HEALTHCHECK and ONBUILD, which docker keeps.
/// </summary>
public sealed class BuildahBuilder : IImageBuilder
{
    // vfs: plain copies, no mounts left behind if a run is killed.
    private const string StorageDriver = "vfs";

    private string _root = "";
    private string _runRoot = "";

    public string Name => "buildah";

    public async Task LoadBaseAsync(OciLayoutImage baseImage, string scratch, CancellationToken cancellationToken)
    {
        (_root, _runRoot) = (Path.Combine(scratch, "root"), Path.Combine(scratch, "runroot"));
        // `buildah pull oci:DIR` would name the image after DIR; skopeo names it as the cases expect.
        await Skopeo.CopyAsync(baseImage.SkopeoReference, $"containers-storage:[{StorageDriver}@{_root}+{_runRoot}]localhost/{BaseImage.Tag}", cancellationToken);
    }

    public async Task<BuildOutcome> BuildAsync(DifferentialCase @case, string context, string scratch, CancellationToken cancellationToken)
    {
        var tag = $"localhost/cybernode-differential/{@case.Name}:{Name}";
        var build = await BuildahAsync(
            ["bud", "--quiet", "--pull=never", "--format", "docker", "--tag", tag,
                .. @case.BuildArgFlags, context],
            cancellationToken);
        if (!build.Succeeded)
        {
            return BuildOutcome.Failed(Name, build.StandardError.Trim());
        }

        // No rmi: removing one image while another build commits made buildah fail with "layer not
        // known"; the storage goes with the run's scratch folder.
        var archive = Path.Combine(scratch, "image.tar");
        (await BuildahAsync(["push", "--quiet", tag, $"docker-archive:{archive}:{tag}"], cancellationToken)).EnsureSuccess();
        return BuildOutcome.Built(Name, await DockerArchiveSnapshot.ReadAsync(archive, scratch, cancellationToken));
    }

    private Task<ProcessResult> BuildahAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(
            RequiredTool.Find("buildah", "buildah"),
            ["--root", _root, "--runroot", _runRoot, "--storage-driver", StorageDriver, .. arguments],
            cancellationToken: cancellationToken);
}
