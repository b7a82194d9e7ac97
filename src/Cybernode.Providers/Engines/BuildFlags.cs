namespace Cybernode.Providers.Engines;

/// <summary>The arguments of an image build that docker build, podman build and buildah bud spell alike.</summary>
internal static class BuildFlags
{
    public static List<string> For(BuildImageRequest request)
    {
        var arguments = new List<string> { "--tag", request.Tag };

        // Left out when it is the default, so a dry run reads as a user would type it.
        if (Path.GetFullPath(request.DockerfilePath) != Path.GetFullPath(Path.Combine(request.ContextDirectory, "Dockerfile")))
        {
            arguments.AddRange(["--file", request.DockerfilePath]);
        }

        if (request.Target is not null)
        {
            arguments.AddRange(["--target", request.Target]);
        }

        foreach (var (name, value) in request.BuildArgs)
        {
            arguments.AddRange(["--build-arg", $"{name}={value}"]);
        }

        foreach (var (name, value) in request.Labels)
        {
            arguments.AddRange(["--label", $"{name}={value}"]);
        }

        foreach (var secret in request.Secrets)
        {
            arguments.AddRange(["--secret", secret.EngineSpec]);
        }

        if (request.NoCache)
        {
            arguments.Add("--no-cache");
        }

        arguments.Add(request.ContextDirectory);
        return arguments;
    }
}
