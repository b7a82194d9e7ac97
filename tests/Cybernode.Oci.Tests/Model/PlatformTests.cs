using Cybernode.Oci.Model;

namespace Cybernode.Oci.Tests.Model;

public class PlatformTests
{
    [Theory]
    [InlineData("linux/amd64", "linux", "amd64", null)]
    [InlineData("linux/arm64/v8", "linux", "arm64", "v8")]
    [InlineData("linux/arm/v7", "linux", "arm", "v7")]
    public void Parses_docker_platform_strings(string text, string os, string architecture, string? variant)
    {
        var platform = Platform.Parse(text);

        platform.ShouldBe(new Platform(architecture, os, variant));
        platform.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("amd64")]
    [InlineData("linux/")]
    [InlineData("linux/amd64/v1/x")]
    [InlineData("linux/AMD64")]
    [InlineData("linux /amd64")]
    public void Refuses_what_is_not_os_slash_arch(string text)
    {
        Should.Throw<FormatException>(() => Platform.Parse(text)).Message.ShouldContain("os/arch[/variant]");
    }

    [Fact]
    public void The_machine_platform_is_linux_with_the_architecture_this_process_runs_on()
    {
        var expected = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64 ? "amd64" : Platform.Current.Architecture;

        Platform.Current.Os.ShouldBe("linux");
        Platform.Current.Architecture.ShouldBe(expected);
    }

    [Fact]
    public void An_index_entry_is_chosen_by_variant_when_one_is_asked_for()
    {
        var v6 = new Descriptor(MediaTypes.ImageManifest, Digest.Compute([6]), 6) { Platform = new Platform("arm", "linux", "v6") };
        var v7 = new Descriptor(MediaTypes.ImageManifest, Digest.Compute([7]), 7) { Platform = new Platform("arm", "linux", "v7") };
        var index = new ImageIndex([v6, v7]);

        index.ManifestFor(Platform.Parse("linux/arm/v7")).ShouldBe(v7);
        index.ManifestFor(Platform.Parse("linux/arm")).ShouldBe(v6);
        index.ManifestFor(Platform.Parse("linux/arm64")).ShouldBeNull();
    }
}
