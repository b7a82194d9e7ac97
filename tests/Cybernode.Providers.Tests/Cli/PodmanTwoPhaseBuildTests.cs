using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Cli;

public sealed class PodmanTwoPhaseBuildTests(PodmanEngine engine) : TwoPhaseBuildTests(engine), IClassFixture<PodmanEngine>;
