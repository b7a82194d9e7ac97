namespace Cybernode.Providers.Engines;

/// <summary>The arguments of an image build that docker build, podman build and buildah bud spell alike.</summary>
internal static class BuildFlags
{
    /// <summary>The flags, then the context folder.</summary>
    public static List<string> For(BuildImageRequest request)
    {
        // Left out when it is the default, so a dry run reads as a user would type it.
        var isDefault = Path.GetFullPath(request.DockerfilePath) == Path.GetFullPath(Path.Combine(request.ContextDirectory, "Dockerfile"));
        return For(request, isDefault ? null : request.DockerfilePath, request.ContextDirectory);
    }

    /// <summary>The flags for a context sent as a tar on standard input (<c>-</c>): the Dockerfile named by its path inside the tar.</summary>
    public static List<string> ForContextOnStdin(BuildImageRequest request) =>
        For(request, Path.GetRelativePath(request.ContextDirectory, request.DockerfilePath).Replace(Path.DirectorySeparatorChar, '/'), "-");

    private static List<string> For(BuildImageRequest request, string? dockerfile, string context)
    {
        var arguments = new List<string> { "--tag", request.Tag };
        if (dockerfile is not null)
        {
            arguments.AddRange(["--file", dockerfile]);
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

        arguments.Add(context);
        return arguments;
    }
}
