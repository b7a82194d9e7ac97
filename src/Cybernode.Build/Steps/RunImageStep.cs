using Cybernode.Build.Assembly;
using Cybernode.Build.Containers;
using Cybernode.Build.HostBuild;
using Cybernode.Build.Lifecycle;
using Cybernode.Build.Tagging;
using Cybernode.Build.Workspaces;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Build.Steps;

/// <summary>
/// Makes the run image from the service's Dockerfile into the store, in-process or with the
/// engine (--assembler engine), with the version labels of what the build stage wrote. Cached
/// when the in-process assembler found the same image already stored.
/// </summary>
public sealed class RunImageStep(StepSpec spec, ServiceRun run) : ServiceStep(spec, run)
{
    public override string Title => "assembling the run image";

    public override async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var (workspace, options) = (Session.Workspace, Session.Options);

        // Before the image: a tag template that cannot be filled in fails the service with nothing stored.
        Run.ExtraNames = await ServiceTags.ExpandAsync(ServiceTags.Written(workspace, Service, options.Tags), Service, new TagValues(Service, options.TagDate, Session.Git));
        var request = new AssemblyRequest(Service.DockerfilePath, Service.Folder, Service.ImageName, options.BuildArgs,
            VersionLabels.Read(Service.OutputFolder), options.TargetOf(workspace, Service))
        {
            Dockerfile = Session.Dockerfiles.Parse(Service.DockerfilePath),
            Written = new StepBytes(context),
        };
        AssembledImage image;
        try
        {
            image = await Assembler().AssembleAsync(request, cancellationToken);
        }
        catch (UserError e)
        {
            throw Explain(e, Service);
        }

        Run.Image = new TaggedImage(image.Name, await MarkOriginAsync(image, cancellationToken));
        var stored = await ImageReader.ReadAsync(Session.Store, image.Manifest, options.Assembler.Platform, cancellationToken);
        Run.Size = stored.Manifest.Config.Size + stored.Manifest.Layers.Sum(l => l.Size);
        return image.FromCache ? new StepOutcome(StepStatus.Cached, "the same image is already in the store") : StepOutcome.Done("the run image's inputs changed (its Dockerfile, bases or the files it copies)");
    }

    /// <summary>
    /// The store's entry for the image, marked as this workspace's (for prune), keeping its other
    /// annotations (the image's cache key); written only when the mark is new.
    /// </summary>
    private async Task<Descriptor> MarkOriginAsync(AssembledImage image, CancellationToken cancellationToken)
    {
        var stored = (await ImageReader.FindAsync(Session.Store, image.Name, cancellationToken))?.Manifest ?? image.Manifest;
        if (ImageOrigin.IsFrom(stored, Session.Workspace.Root))
        {
            return stored;
        }

        var marked = ImageOrigin.Mark(stored, Session.Workspace.Root);
        await Session.Store.TagAsync(image.Name, marked, cancellationToken);
        return marked;
    }

    private IRunImageAssembler Assembler() =>
        Session.Options.RunImageAssembler == AssemblerKind.Engine
            ? new EngineAssembler(Session.Provider!, Session.Images!, Session.Dockerfiles, Log)
            : Session.InProcess;

    /// <summary>A run image that finds nothing in an empty bin is the build stage's fault: say so beside the Dockerfile's own error.</summary>
    private static UserError Explain(UserError error, Service service) =>
        error.File == service.DockerfilePath && (service.HasBuildDockerfile || service.HasBuildScript) && OutputFolder.IsEmpty(service.OutputFolder)
            ? new UserError($"{error.Message}; the build stage produced nothing in {Service.OutputFolderName}/", error.File, error.Line,
                $"the build stage must leave the binaries in {Service.OutputFolderName}/ ({(service.HasBuildDockerfile ? "the Dockerfile-build's CMD copies them to /build" : "01build.sh writes them to $BUILD_DIR")})", error)
            {
                Column = error.Column,
                Excerpt = error.Excerpt,
            }
            : error;
}
