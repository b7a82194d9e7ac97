using System.Runtime.InteropServices;
using Cybernode.Oci.Model;

namespace Cybernode.Oci.Registry;

/// <summary>Which image of an index a pull takes: the machine's platform unless one is asked for.</summary>
public static class PlatformChoice
{
    public const string Form = "os/arch[/variant], e.g. linux/arm64 or linux/arm/v7";

    /// <summary>Linux on this machine's processor: the image a container here would run.</summary>
    public static Platform Current { get; } = For(RuntimeInformation.OSArchitecture);

    public static Platform For(Architecture architecture) => architecture switch
    {
        Architecture.X64 => new Platform("amd64", "linux"),
        Architecture.Arm64 => new Platform("arm64", "linux"),
        Architecture.Arm or Architecture.Armv6 => new Platform("arm", "linux", architecture == Architecture.Armv6 ? "v6" : "v7"),
        Architecture.X86 => new Platform("386", "linux"),
        Architecture.S390x => new Platform("s390x", "linux"),
        Architecture.Ppc64le => new Platform("ppc64le", "linux"),
        Architecture.RiscV64 => new Platform("riscv64", "linux"),
        Architecture.LoongArch64 => new Platform("loong64", "linux"),
        _ => new Platform(architecture.ToString().ToLowerInvariant(), "linux"),
    };

    /// <summary>Parses <c>os/arch[/variant]</c>; throws <see cref="FormatException"/> naming the form.</summary>
    public static Platform Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0 || p.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_')))
        {
            throw new FormatException($"'{text}' is not a platform: use {Form}");
        }

        return new Platform(parts[1].ToLowerInvariant(), parts[0].ToLowerInvariant(), parts.Length == 3 ? parts[2].ToLowerInvariant() : null);
    }

    /// <summary>
    /// The index entry for <paramref name="wanted"/>: same OS and architecture, and the same variant
    /// when one is asked for (arm64's v8 is its default); without one, the entry without a variant
    /// first. Null when none fits.
    /// </summary>
    public static Descriptor? Choose(ImageIndex index, Platform wanted)
    {
        var candidates = index.Manifests
            .Where(m => m.Platform is { } p && p.Os == wanted.Os && p.Architecture == wanted.Architecture && MediaTypes.IsManifest(m.MediaType))
            .ToList();
        return wanted.Variant is null
            ? candidates.OrderBy(m => m.Platform!.Variant is null || IsDefaultVariant(m.Platform) ? 0 : 1).FirstOrDefault()
            : candidates.FirstOrDefault(m => m.Platform!.Variant == wanted.Variant || (m.Platform.Variant is null && IsDefaultVariant(wanted)));
    }

    /// <summary>The platforms an index offers, for a message saying what there is.</summary>
    public static string Offered(ImageIndex index)
    {
        var platforms = index.Manifests.Select(m => m.Platform?.ToString()).OfType<string>().Distinct().ToList();
        return platforms.Count == 0 ? "none named" : string.Join(", ", platforms);
    }

    private static bool IsDefaultVariant(Platform platform) => platform is { Architecture: "arm64", Variant: "v8" };
}
