using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Cli;

public sealed class BuildahTwoPhaseBuildTests(BuildahEngine engine) : TwoPhaseBuildTests(engine), IClassFixture<BuildahEngine>;
