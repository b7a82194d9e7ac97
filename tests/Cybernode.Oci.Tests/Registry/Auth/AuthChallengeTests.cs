using Cybernode.Oci.Registry.Auth;

namespace Cybernode.Oci.Tests.Registry.Auth;

public class AuthChallengeTests
{
    [Fact]
    public void A_bearer_challenge_gives_realm_service_and_scope()
    {
        var challenge = AuthChallenge.Parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/ubuntu:pull\"").ShouldHaveSingleItem();

        challenge.IsBearer.ShouldBeTrue();
        challenge["realm"].ShouldBe("https://auth.docker.io/token");
        challenge["service"].ShouldBe("registry.docker.io");
        challenge["scope"].ShouldBe("repository:library/ubuntu:pull");
    }

    [Fact]
    public void Quoted_values_keep_commas_spaces_and_escaped_quotes()
    {
        var challenge = AuthChallenge.Parse("Basic realm=\"a, \\\"b\\\" c\"").ShouldHaveSingleItem();

        challenge.IsBasic.ShouldBeTrue();
        challenge["realm"].ShouldBe("a, \"b\" c");
    }

    [Fact]
    public void Several_challenges_in_one_header_are_told_apart_and_names_ignore_case()
    {
        var challenges = AuthChallenge.Parse("Basic realm=\"r1\", Bearer REALM=\"https://t/token\", Service=svc, scope=\"repository:a:pull repository:b:pull\"");

        challenges.Select(c => c.Scheme).ShouldBe(["Basic", "Bearer"]);
        challenges[0]["realm"].ShouldBe("r1");
        challenges[1]["realm"].ShouldBe("https://t/token");
        challenges[1]["service"].ShouldBe("svc");
        challenges[1]["scope"].ShouldBe("repository:a:pull repository:b:pull");
    }

    [Theory]
    [InlineData("")]
    [InlineData(",,, ")]
    [InlineData("Bearer realm=\"unterminated")]
    [InlineData("@@@ ===")]
    public void Malformed_headers_never_throw(string header) => Should.NotThrow(() => AuthChallenge.Parse(header));
}
