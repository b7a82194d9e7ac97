using MachineArchitecture = System.Runtime.InteropServices.Architecture;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Cybernode.Oci.Model;

public sealed partial record Platform(
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("os")] string Os,
    [property: JsonPropertyName("variant")] string? Variant = null)
{
    public const string Form = "os/arch[/variant], e.g. linux/amd64 or linux/arm64/v8";

    public static Platform LinuxAmd64 { get; } = new("amd64", "linux");

    /// <summary>
    /// The platform of this machine, as an index names it: containers are Linux whatever the host,
    /// and the architecture uses Go's names, as docker's default platform does.
    /// </summary>
    public static Platform Current { get; } = new(
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            MachineArchitecture.X64 => "amd64",
            MachineArchitecture.Arm64 => "arm64",
            MachineArchitecture.Arm or MachineArchitecture.Armv6 => "arm",
            MachineArchitecture.X86 => "386",
            MachineArchitecture.S390x => "s390x",
            MachineArchitecture.Ppc64le => "ppc64le",
            MachineArchitecture.RiscV64 => "riscv64",
            MachineArchitecture.LoongArch64 => "loong64",
            var other => other.ToString().ToLowerInvariant(),
        },
        "linux",
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            MachineArchitecture.Armv6 => "v6",
            MachineArchitecture.Arm => "v7",
            _ => null,
        });

    /// <summary>Parses <c>os/arch[/variant]</c> as docker's <c>--platform</c> takes it (lower case, no blanks).</summary>
    public static bool TryParse(string text, out Platform platform)
    {
        platform = null!;
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || !parts.All(part => PartPattern().IsMatch(part)))
        {
            return false;
        }

        platform = new Platform(parts[1], parts[0], parts.Length == 3 ? parts[2] : null);
        return true;
    }

    public static Platform Parse(string text) =>
        TryParse(text, out var platform) ? platform : throw new FormatException($"'{text}' is not a platform: use {Form}");

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";

    [GeneratedRegex("^[a-z0-9_.-]+$")]
    private static partial Regex PartPattern();
}
