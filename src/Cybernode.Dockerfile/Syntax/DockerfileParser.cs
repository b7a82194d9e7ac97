namespace Cybernode.Dockerfile.Syntax;

/// <summary>Parses Dockerfile text the way BuildKit's Dockerfile frontend does.</summary>
public static class DockerfileParser
{
    /// <summary>Parses <paramref name="text"/> into instructions.</summary>
    /// <param name="text">The whole Dockerfile.</param>
    /// <param name="fileName">Name used in error messages.</param>
    /// <exception cref="DockerfileSyntaxException">The text is not a valid Dockerfile.</exception>
    public static DockerfileAst Parse(string text, string? fileName = null) =>
        new DockerfileReader(text, fileName).Read();
}
