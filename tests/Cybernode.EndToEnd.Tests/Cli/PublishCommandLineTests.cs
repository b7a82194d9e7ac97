namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>What publish and build --push say to a wrong command line or a workspace with no registry, before anything is built or sent.</summary>
public sealed class PublishCommandLineTests : IDisposable
{
    private readonly SmallWorkspace _workspace = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public PublishCommandLineTests() => _workspace.AddService("hello", "FROM scratch\nCOPY big.bin /\n");

    [Theory]
    [InlineData("publish", "--registry", "cybernode")]
    [InlineData("publish", "--registry", "registry.lan/Team")]
    [InlineData("build", "--push", "--registry", "registry.lan/team:v1")]
    [InlineData("build", "--registry", "registry.lan/team")]
    [InlineData("build", "--push", "--dry-run", "--registry", "registry.lan/team")]
    public async Task A_wrong_registry_option_is_a_usage_error(params string[] arguments)
    {
        var result = await _workspace.RunLeavingStoreUnchangedAsync([arguments[0], _workspace.Root, "--store", _workspace.Store, .. arguments[1..]], Token);

        result.ExitCode.ShouldBe(2, result.StandardError);
        result.StandardError.ShouldStartWith("cybernode: ");
        result.StandardError.ShouldContain("--");
        result.StandardError.ShouldNotContain("   at ");
        result.StandardOutput.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("publish")]
    [InlineData("build", "--push")]
    public async Task Without_a_registry_nothing_is_built_or_sent_and_the_fix_is_named(params string[] arguments)
    {
        File.WriteAllText(Path.Combine(_workspace.Root, "cybernode.yaml"), "namespace: first\n");

        var result = await _workspace.RunLeavingStoreUnchangedAsync([arguments[0], _workspace.Root, "--store", _workspace.Store, .. arguments[1..]], Token);

        result.ExitCode.ShouldBe(1, result.StandardError);
        result.StandardError.ShouldStartWith($"{Path.Combine(_workspace.Root, "cybernode.yaml")}: no registry to publish to");
        result.StandardError.ShouldContain("--registry HOST/PREFIX");
        Directory.Exists(Path.Combine(_workspace.Root, "hello", "bin")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_bad_registry_in_cybernode_yaml_is_refused_at_its_line()
    {
        File.WriteAllText(Path.Combine(_workspace.Root, "cybernode.yaml"), "namespace: first\nregistry: https://registry.lan/team\n");

        var result = await _workspace.RunLeavingStoreUnchangedAsync(["publish", _workspace.Root, "--store", _workspace.Store], Token);

        result.ExitCode.ShouldBe(1, result.StandardError);
        result.StandardError.ShouldStartWith($"{Path.Combine(_workspace.Root, "cybernode.yaml")}:2: registry 'https://registry.lan/team' is not valid");
        result.StandardError.ShouldContain("hint: ");
    }

    [Fact]
    public async Task Publishing_a_service_missing_from_the_store_sends_nothing_and_says_to_build()
    {
        await _workspace.SeedStoreAsync(Token);

        // 127.0.0.1:9 (discard) refuses connections: no request may be needed to find the image missing.
        var result = await _workspace.RunLeavingStoreUnchangedAsync(["publish", _workspace.Root, "--store", _workspace.Store, "--registry", "127.0.0.1:9/team"], Token);

        result.ExitCode.ShouldBe(1, result.StandardError);
        result.StandardError.ShouldContain("hello: not-built 127.0.0.1:9/team/hello");
        result.StandardError.ShouldContain("cybernode/hello:latest is not in the store");
        result.StandardOutput.ShouldBeEmpty();
    }

    public void Dispose() => _workspace.Dispose();
}
