using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Cli;

public sealed class BuildahSecretBuildTests(BuildahEngine engine) : SecretBuildTests(engine), IClassFixture<BuildahEngine>;
