using System.Collections.Concurrent;
using Cybernode.Build.Assembly;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Planning;

/// <summary>
/// The Dockerfiles of one build, each read and parsed once however many parts ask (dependencies,
/// bases, the engine's loads, the assembler), with the build's args and platform. A file that does
/// not parse gives the same error to each that asks.
/// </summary>
public sealed class Dockerfiles(IReadOnlyDictionary<string, string> buildArgs, Platform platform)
{
    private readonly ConcurrentDictionary<string, Lazy<ParsedDockerfile>> _parsed = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> BuildArgs => buildArgs;

    public Platform Platform => platform;

    /// <exception cref="UserError">the file is missing, too large or does not parse.</exception>
    public ParsedDockerfile Parse(string path) =>
        _parsed.GetOrAdd(Path.GetFullPath(path), full => new Lazy<ParsedDockerfile>(() => DockerfilePlanner.Load(full))).Value;

    /// <summary>The images every stage names, as an engine that builds every stage needs them.</summary>
    public IReadOnlyList<ImageMention> References(string path) => DockerfileReferences.Find(Parse(path), path, buildArgs, platform);

    /// <summary>The images the stages that make <paramref name="target"/> (the last when null) name, as the in-process assembler needs them.</summary>
    public IReadOnlyList<ImageMention> UsedReferences(string path, string? target) => DockerfileReferences.FindUsed(Parse(path), path, buildArgs, platform, target);
}
