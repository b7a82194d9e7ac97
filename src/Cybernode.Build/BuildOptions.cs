using Cybernode.Build.Assembly;

namespace Cybernode.Build;

public sealed record BuildOptions(
    string StorePath,
    AssemblerOptions Assembler,
    IReadOnlyDictionary<string, string> BuildArgs,
    IReadOnlyList<string> Services,
    string? TargetStage = null);
