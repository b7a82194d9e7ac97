using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Cli;

public sealed class DockerTwoPhaseBuildTests(DockerEngine engine) : TwoPhaseBuildTests(engine), IClassFixture<DockerEngine>;
