namespace Cybernode.Build.Assembly;

/// <summary>Makes a run image from a Dockerfile and stores it: in-process, or (later) by a container engine.</summary>
public interface IRunImageAssembler
{
    Task<AssembledImage> AssembleAsync(AssemblyRequest request, CancellationToken cancellationToken);
}
