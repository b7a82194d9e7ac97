using Cybernode.Oci.Model;
using Cybernode.Oci.Registry;

namespace Cybernode.Oci.Tests.Registry;

public sealed class PlatformChoiceTests
{
    private static readonly Digest Any = Digest.Compute([1]);

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
