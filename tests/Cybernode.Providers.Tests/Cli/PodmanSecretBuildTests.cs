using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Cli;

public sealed class PodmanSecretBuildTests(PodmanEngine engine) : SecretBuildTests(engine), IClassFixture<PodmanEngine>;
