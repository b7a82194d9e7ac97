using Cybernode.Build.Publishing;

namespace Cybernode.Build.Tests.Publishing;

public class RegistryTargetTests
{
    [Theory]
    [InlineData("127.0.0.1:5000/cyber", "127.0.0.1:5000", "cyber", "127.0.0.1:5000/cyber/fullnode-btcd")]
    [InlineData("localhost/a/b", "localhost", "a/b", "localhost/a/b/fullnode-btcd")]
    [InlineData("registry.example.com", "registry.example.com", null, "registry.example.com/fullnode-btcd")]
    [InlineData("docker.io/myname/", "docker.io", "myname", "docker.io/myname/fullnode-btcd")]
    [InlineData("[::1]:5000/x", "[::1]:5000", "x", "[::1]:5000/x/fullnode-btcd")]
    public void The_prefix_takes_the_namespaces_place(string text, string host, string? prefix, string name)
    {
        RegistryTarget.TryParse(text, out var target, out var problem).ShouldBeTrue(problem);

        target.ShouldBe(new RegistryTarget(host, prefix));
        target.NameFor("fullnode-btcd").ShouldBe(name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cybernode/hello")]
    [InlineData("-bad.host/x")]
    [InlineData("host.lan:port/x")]
    [InlineData("host.lan/UPPER")]
    [InlineData("host.lan/a//b")]
    [InlineData("host.lan/a:latest")]
    public void What_is_no_registry_and_prefix_is_refused(string text)
    {
        RegistryTarget.TryParse(text, out _, out var problem).ShouldBeFalse();
        problem.ShouldNotBeNullOrEmpty();
    }
}
