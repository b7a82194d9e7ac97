using Cybernode.Oci.Registry;

namespace Cybernode.Oci.Tests.Registry;

/// <summary>Plain HTTP only where nothing crosses a network or the user said so.</summary>
public sealed class RegistryEndpointTests
{
    [Theory]
    [InlineData("127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("127.1.2.3", "http://127.1.2.3/")]
    [InlineData("localhost:5000", "http://localhost:5000/")]
    [InlineData("[::1]:5000", "http://[::1]:5000/")]
    [InlineData("registry.example.com", "https://registry.example.com/")]
    [InlineData("10.0.0.5:5000", "https://10.0.0.5:5000/")]
    [InlineData("localhost.example.com:5000", "https://localhost.example.com:5000/")]
    [InlineData("docker.io", "https://registry-1.docker.io/")]
    public void Only_loopback_hosts_get_plain_HTTP(string host, string expected) =>
        RegistryEndpoint.For(host).BaseAddress.ToString().ShouldBe(expected);

    [Fact]
    public void A_host_listed_as_insecure_gets_plain_HTTP_and_no_other() =>
        new[] { RegistryEndpoint.For("10.0.0.5:5000", new HashSet<string> { "10.0.0.5:5000" }), RegistryEndpoint.For("10.0.0.5:5001", new HashSet<string> { "10.0.0.5:5000" }) }
            .Select(e => e.IsPlainHttp).ShouldBe([true, false]);
}
