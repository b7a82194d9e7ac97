using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Engines;

[Trait("Category", "Engine")]
public sealed class BuildahProviderTests(BuildahEngine engine)
    : EngineContractTests(engine, "counter", "counter: run 1"), IClassFixture<BuildahEngine>;
