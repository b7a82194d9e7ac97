using System.Runtime.InteropServices;
using Cybernode.Oci.Model;
using Cybernode.Oci.Registry;

namespace Cybernode.Oci.Tests.Registry;

public sealed class PlatformChoiceTests
{
    private static readonly Digest Any = Digest.Compute([1]);

    [Fact]
    public void The_default_is_this_machine_s_processor_on_linux()
    {
        var expected = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "linux/amd64",
            Architecture.Arm64 => "linux/arm64",
            _ => PlatformChoice.Current.ToString(),
        };

        PlatformChoice.Current.ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("linux/arm64", "arm64", "linux", null)]
    [InlineData("linux/arm/v7", "arm", "linux", "v7")]
    [InlineData("Linux/AMD64", "amd64", "linux", null)]
    public void Parses_os_arch_and_variant(string text, string architecture, string os, string? variant) =>
        PlatformChoice.Parse(text).ShouldBe(new Platform(architecture, os, variant));

    [Theory]
    [InlineData("linux")]
    [InlineData("linux/")]
    [InlineData("linux/arm/v7/x")]
    [InlineData("linux/../etc")]
    public void Refuses_what_is_not_a_platform(string text) =>
        Should.Throw<FormatException>(() => PlatformChoice.Parse(text)).Message.ShouldContain("os/arch[/variant]");

    [Fact]
    public void Picks_the_variant_asked_for_and_treats_arm64_v8_as_plain_arm64()
    {
        var index = new ImageIndex([Entry("arm", "v6"), Entry("arm", "v7"), Entry("arm64", "v8"), Entry("amd64", null)]);

        PlatformChoice.Choose(index, new Platform("arm", "linux", "v7"))!.Platform!.Variant.ShouldBe("v7");
        PlatformChoice.Choose(index, new Platform("arm64", "linux"))!.Platform!.Variant.ShouldBe("v8");
        PlatformChoice.Choose(index, new Platform("arm", "linux", "v5")).ShouldBeNull();
        PlatformChoice.Choose(index, new Platform("s390x", "linux")).ShouldBeNull();
    }

    [Fact]
    public void Skips_entries_that_are_not_images()
    {
        var attestation = new Descriptor("application/vnd.in-toto+json", Any, 1) { Platform = new Platform("amd64", "linux") };
        var index = new ImageIndex([attestation, Entry("amd64", null)]);

        PlatformChoice.Choose(index, Platform.LinuxAmd64)!.MediaType.ShouldBe(MediaTypes.ImageManifest);
    }

    private static Descriptor Entry(string architecture, string? variant) =>
        new(MediaTypes.ImageManifest, Any, 1) { Platform = new Platform(architecture, "linux", variant) };
}
