using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Tests;

internal static class Parse
{
    public static DockerfileAst Ast(string text) => DockerfileParser.Parse(text, "Dockerfile");

    public static string Dump(string text) => DockerfileDump.Format(Ast(text));

    public static DockerfileSyntaxException Error(string text) =>
        Should.Throw<DockerfileSyntaxException>(() => DockerfileParser.Parse(text, "Dockerfile"));
}
