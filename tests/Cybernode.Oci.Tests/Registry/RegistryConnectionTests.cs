using Cybernode.Oci.Registry;
using Cybernode.Oci.Tests.Fixtures;

namespace Cybernode.Oci.Tests.Registry;

/// <summary>Failures below HTTP come out as one line naming the registry, not retried when retrying cannot help.</summary>
public sealed class RegistryConnectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TLS_to_a_plain_HTTP_registry_fails_with_a_TLS_error()
    {
        await using var server = await RegistryServer.StartAsync(Ct);
        using var client = new RegistryClient(new RegistryEndpoint(server.Host, new Uri($"https://{server.Host}/")), new RegistryClientOptions { RetryDelay = TimeSpan.FromMilliseconds(10) });

        var error = await Should.ThrowAsync<RegistryException>(() => client.PingAsync(Ct));

        error.Message.ShouldStartWith($"checking the registry: TLS with {server.Host} failed");
        error.Hint.ShouldContain("insecure_registries");
    }

    [Fact]
    public async Task A_refused_connection_is_reported_at_once()
    {
        await using var server = await RegistryServer.StartAsync(Ct);
        await server.StopAsync();
        using var client = new RegistryClient(RegistryEndpoint.For(server.Host), new RegistryClientOptions { RetryDelay = TimeSpan.FromSeconds(5) });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Should.ThrowAsync<RegistryException>(() => client.PingAsync(Ct));

        error.Message.ShouldBe($"checking the registry: cannot connect to {server.Host}: connection refused");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4), "a refused connection is not retried");
    }

    [Fact]
    public async Task A_registry_asking_for_credentials_is_named_with_how_to_log_in()
    {
        await using var server = await RegistryServer.StartAsync(
            Ct,
            authYaml: $"auth:\n  htpasswd:\n    realm: cybernode-tests\n    path: {RegistryServer.FolderPlaceholder}/htpasswd\n",
            prepare: folder => File.WriteAllText(Path.Combine(folder, "htpasswd"), "someone:not-a-bcrypt-hash\n"));
        using var registries = new Cybernode.Oci.Registry.Registries(new RegistryClientOptions());
        var pull = new RegistryPull(registries);

        var error = await Should.ThrowAsync<RegistryException>(() => pull.ResolveAsync(Cybernode.Oci.Model.ImageReference.Parse($"{server.Host}/team/app:v1"), Cybernode.Oci.Model.Platform.LinuxAmd64, Ct));

        error.Message.ShouldBe($"reading manifest {server.Host}/team/app:v1: {server.Host} asks for credentials (401 unauthorized: UNAUTHORIZED: authentication required)");
        error.Hint.ShouldContain($"cybernode login {server.Host}");
        error.Status.ShouldBe(401);
    }

    [Fact]
    public async Task A_working_registry_answers_the_ping()
    {
        await using var server = await RegistryServer.StartAsync(Ct);
        using var client = new RegistryClient(RegistryEndpoint.For(server.Host), new RegistryClientOptions());

        await client.PingAsync(Ct);
    }
}
