using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Engines;

[Trait("Category", "Engine")]
public sealed class PodmanProviderTests(PodmanEngine engine)
    : EngineContractTests(engine, "fortune", "A build that runs twice gives the same bytes."), IClassFixture<PodmanEngine>;
