namespace Cybernode.Build.Planning;

/// <summary>A base image one service's build needs, and whether a container engine builds on it (else the in-process assembler).</summary>
public sealed record BaseUse(string Service, ImageMention Mention, bool InEngine);
