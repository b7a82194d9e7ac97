using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Bases;

/// <summary>A platform as docker writes it, <c>os/arch[/variant]</c>, and the one this machine runs.</summary>
public static class PlatformName
{
    /// <summary>This machine's platform, as docker picks a base's by default.</summary>
    public static Platform Machine { get; } = new(
        RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            Architecture.Arm => "arm",
            Architecture.X86 => "386",
            Architecture.S390x => "s390x",
            Architecture.Ppc64le => "ppc64le",
            Architecture.RiscV64 => "riscv64",
            Architecture.LoongArch64 => "loong64",
            var other => other.ToString().ToLowerInvariant(),
        },
        "linux",
        RuntimeInformation.OSArchitecture == Architecture.Arm ? "v7" : null);

    public static bool TryParse(string text, [NotNullWhen(true)] out Platform? platform)
    {
        var parts = text.Split('/');
        platform = parts.Length is 2 or 3 && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
            ? new Platform(parts[1], parts[0], parts.Length == 3 ? parts[2] : null)
            : null;
        return platform is not null;
    }
}
