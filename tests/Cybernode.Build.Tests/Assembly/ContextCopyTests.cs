using Cybernode.Build.Tests.Fixtures;

namespace Cybernode.Build.Tests.Assembly;

/// <summary>
/// COPY of the whole build context or a part of it, with and without .dockerignore, gives the files
/// docker and BuildKit put in the image: the Dockerfile and .dockerignore are context files like any
/// other, left out only when .dockerignore excludes them.
/// </summary>
public class ContextCopyTests
{
    private static AssemblyHarness Context(string? ignore = null)
    {
        var harness = new AssemblyHarness();
        harness.Write("a.txt", "a");
        harness.Write("b.log", "b");
        harness.Write("sub/c.txt", "c");
        harness.Write("sub/deep/d.log", "d");
        if (ignore is not null)
        {
            harness.Write(".dockerignore", ignore);
        }

        return harness;
    }

    private static async Task<List<string>> CopiedNamesAsync(AssemblyHarness harness, string copy)
    {
        var image = await harness.AssembleAsync($"FROM scratch\n{copy}\n");
        image.Manifest.Layers.Count.ShouldBe(1);
        return (await harness.LayerListingAsync(image.Manifest.Layers[0])).Select(line => line.Split(' ')[0]).ToList();
    }

    [Theory]
    [InlineData("COPY . /app/")]
    [InlineData("COPY ./ /app/")]
    [InlineData("COPY . /app")]
    [InlineData("COPY ./. /app/")]
    public async Task The_whole_context_is_copied_with_the_dockerfile(string copy)
    {
        using var harness = Context();

        var names = await CopiedNamesAsync(harness, copy);

        names.ShouldBe(["app/", "app/Dockerfile", "app/a.txt", "app/b.log", "app/sub/", "app/sub/c.txt", "app/sub/deep/", "app/sub/deep/d.log"]);
    }

    [Theory]
    [InlineData("COPY ./sub /app/")]
    [InlineData("COPY sub/. /app/")]
    [InlineData("COPY sub/ /app/")]
    public async Task A_folder_of_the_context_copies_its_contents(string copy)
    {
        using var harness = Context();

        var names = await CopiedNamesAsync(harness, copy);

        names.ShouldBe(["app/", "app/c.txt", "app/deep/", "app/deep/d.log"]);
    }

    [Fact]
    public async Task A_star_at_the_root_copies_files_and_the_contents_of_folders()
    {
        using var harness = Context();

        var names = await CopiedNamesAsync(harness, "COPY * /app/");

        names.ShouldBe(["app/", "app/Dockerfile", "app/a.txt", "app/b.log", "app/c.txt", "app/deep/", "app/deep/d.log"]);
    }

    [Fact]
    public async Task Dockerignore_exclusions_and_exceptions_apply_to_the_whole_context_and_the_ignore_file_itself_is_copied()
    {
        using var harness = Context("*.log\n**/*.log\n!sub/deep/d.log\n");

        var names = await CopiedNamesAsync(harness, "COPY . /app/");

        names.ShouldBe(["app/", "app/.dockerignore", "app/Dockerfile", "app/a.txt", "app/sub/", "app/sub/c.txt", "app/sub/deep/", "app/sub/deep/d.log"]);
    }

    [Fact]
    public async Task The_dockerfile_and_dockerignore_are_left_out_when_dockerignore_excludes_them()
    {
        using var harness = Context("Dockerfile\n.dockerignore\nsub\n!sub/c.txt\n");

        var names = await CopiedNamesAsync(harness, "COPY . /app/");

        names.ShouldBe(["app/", "app/a.txt", "app/b.log", "app/sub/", "app/sub/c.txt"]);
    }

    [Fact]
    public async Task A_star_at_the_root_skips_what_dockerignore_excludes()
    {
        using var harness = Context("*.log\nDockerfile\n");

        var names = await CopiedNamesAsync(harness, "COPY * /app/");

        names.ShouldBe(["app/", "app/.dockerignore", "app/a.txt", "app/c.txt", "app/deep/", "app/deep/d.log"]);
    }

    [Fact]
    public async Task The_context_may_sit_below_a_link_that_leads_elsewhere()
    {
        using var harness = Context();
        using var elsewhere = new TempFolder();
        var linked = Path.Combine(elsewhere.Path, "ws");
        Directory.CreateSymbolicLink(linked, harness.Context);

        harness.Write("Dockerfile", "FROM scratch\nCOPY . /app/\n");
        var store = await Oci.Store.OciLayoutStore.OpenAsync(harness.StorePath, CancellationToken.None);
        var request = new Build.Assembly.AssemblyRequest(Path.Combine(linked, "Dockerfile"), linked, "cybernode/test:latest",
            new Dictionary<string, string>(), new Dictionary<string, string>());
        var image = await new Build.Assembly.InProcessAssembler(store, Build.Assembly.AssemblerOptions.Default).AssembleAsync(request, CancellationToken.None);

        var read = await Oci.Store.ImageReader.ReadAsync(store, image.Manifest, Oci.Model.Platform.LinuxAmd64, CancellationToken.None);
        (await harness.LayerListingAsync(read.Manifest.Layers[0])).Count.ShouldBe(8);
    }
}
