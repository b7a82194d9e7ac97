using Cybernode.Build.Assembly;
using Cybernode.Build.Tests.Fixtures;

namespace Cybernode.Build.Tests.Assembly;

public class BuildCacheTests
{
    private const string Dockerfile = "FROM scratch\nADD bin/* /cyberapp/\nCMD [\"/cyberapp/app\"]\n";

    [Fact]
    public async Task A_rebuild_with_nothing_changed_is_served_from_the_store_even_when_files_were_rewritten()
    {
        using var harness = new AssemblyHarness();
        var app = harness.Write("bin/app", "version 1");
        var first = await harness.AssembleImageAsync(Dockerfile);
        File.WriteAllText(app, "version 1");
        File.SetLastWriteTimeUtc(app, DateTime.UtcNow.AddHours(1));

        var second = await harness.AssembleImageAsync(Dockerfile);

        first.FromCache.ShouldBeFalse();
        second.FromCache.ShouldBeTrue();
        second.Manifest.Digest.ShouldBe(first.Manifest.Digest);
    }

    [Theory]
    [InlineData("content")]
    [InlineData("dockerfile")]
    [InlineData("compression")]
    public async Task Any_change_to_what_the_image_is_made_of_builds_it_again(string change)
    {
        using var harness = new AssemblyHarness();
        var app = harness.Write("bin/app", "version 1");
        var first = await harness.AssembleImageAsync(Dockerfile);
        var dockerfile = Dockerfile;
        switch (change)
        {
            case "content":
                File.WriteAllText(app, "version 2");
                break;
            case "dockerfile":
                dockerfile += "ENV CHANGED=1\n";
                break;
            default:
                harness.Options = harness.Options with { Compression = Oci.Layers.LayerCompression.Zstd };
                break;
        }

        var second = await harness.AssembleImageAsync(dockerfile);

        second.FromCache.ShouldBeFalse();
        second.Manifest.Digest.ShouldNotBe(first.Manifest.Digest);
    }

    [Fact]
    public async Task The_cache_key_is_kept_in_the_store_index_and_not_in_the_image()
    {
        using var harness = new AssemblyHarness();
        harness.Write("bin/app", "x");

        var image = await harness.AssembleImageAsync(Dockerfile);

        image.Manifest.Annotations.ShouldBeNull();
        var index = File.ReadAllText(Path.Combine(harness.StorePath, "index.json"));
        index.ShouldContain(BuildCacheKey.Annotation);
    }
}
