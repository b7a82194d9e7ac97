using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Engines;

[Trait("Category", "Engine")]
public sealed class DockerProviderTests(DockerEngine engine)
    : EngineContractTests(engine, "hello", "hello from two-phase"), IClassFixture<DockerEngine>;
