using System.Text.RegularExpressions;
using Cybernode.EndToEnd.Tests.Cli;
using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Examples;

/// <summary>
/// The README's "Your first service" walk-through: the files it shows are examples/first-service's,
/// and that workspace builds with no engine and runs on podman as the README says.
/// </summary>
public sealed partial class FirstServiceExampleTests
{
    private static readonly string Example = Path.Combine(RepoPaths.Examples, "first-service");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void The_readme_shows_each_file_of_the_example_as_it_is()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

        var shown = ShownFile().Matches(readme).ToDictionary(m => m.Groups["path"].Value, m => m.Groups["content"].Value);

        shown.Keys.Order(StringComparer.Ordinal).ShouldBe(
            Directory.EnumerateFiles(Example, "*", SearchOption.AllDirectories)
                .Select(file => Path.GetRelativePath(RepoPaths.Root, file))
                .Where(file => !file.EndsWith("cybernode.yaml", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal));
        foreach (var (path, content) in shown)
        {
            content.ShouldBe(File.ReadAllText(Path.Combine(RepoPaths.Root, path)), $"README's copy of {path}");
        }
    }

    [Fact]
    public async Task It_builds_without_an_engine_and_its_images_run_on_podman_as_the_readme_says()
    {
        RequiredTool.Find("gcc", "gcc");
        RequiredTool.FindFile("/bin/busybox", "busybox-static");
        using var directory = new TempFolder("cybernode-first-service-");
        var workspace = ExampleWorkspace.CopyTo(Example, directory.Combine("first-service"));
        var store = directory.Combine("store");

        var digests = await CybernodeCli.BuildAsync(workspace, store, Token);
        await using var podman = await PodmanSandbox.CreateAsync(Token);
        foreach (var image in new[] { "first/hello", "first/greet" })
        {
            var archive = directory.Combine(image.Replace('/', '-') + ".tar");
            (await CybernodeCli.RunAsync(["export", image, "-o", archive, "--format", "docker-archive", "--store", store], Token)).EnsureSuccess();
            await podman.LoadAsync(archive, Token);
        }

        string[] helloWithData = ["run", "--rm", "--network", "none", "--pull=never", "--volume", "hello-data:/cyberdata", "first/hello"];
        var firstRun = await podman.PodmanAsync(helloWithData, cancellationToken: Token);
        var secondRun = await podman.PodmanAsync(helloWithData, cancellationToken: Token);
        var greet = await podman.RunAsync("first/greet", ["you"], cancellationToken: Token);

        digests.Keys.Order(StringComparer.Ordinal).ShouldBe(["busybox", "greet", "hello"]);
        firstRun.EnsureSuccess().StandardOutput.ShouldBe("hello from your first service (run 1)\n");
        secondRun.EnsureSuccess().StandardOutput.ShouldBe("hello from your first service (run 2)\n");
        greet.EnsureSuccess().StandardOutput.ShouldBe("hello you, from a static C program\n");
    }

    // A marker line names the file; the fenced block right after it is the file's whole content.
    [GeneratedRegex(@"^<!-- file: (?<path>\S+) -->\n```\w*\n(?<content>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ShownFile();
}
