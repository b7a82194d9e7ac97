using Cybernode.Oci.Registry.Auth;

namespace Cybernode.Oci.Tests.Registry.Auth;

public class AccessScopeTests
{
    [Theory]
    [InlineData("GET", "/v2/team/app/manifests/v1", "repository:team/app:pull")]
    [InlineData("HEAD", "/v2/team/app/blobs/sha256:aa", "repository:team/app:pull")]
    [InlineData("PUT", "/v2/team/app/manifests/v1", "repository:team/app:pull,push")]
    [InlineData("POST", "/v2/team/app/blobs/uploads/", "repository:team/app:pull,push")]
    [InlineData("PATCH", "/v2/a/blobs/uploads/0c5d-uuid?_state=x", "repository:a:pull,push")]
    [InlineData("GET", "/v2/x/tags/y/manifests/latest", "repository:x/tags/y:pull")]
    [InlineData("GET", "/v2/a/tags/list", "repository:a:pull")]
    public void A_request_needs_pull_to_read_and_pull_push_otherwise(string method, string path, string scope) =>
        AccessScope.Of(new HttpMethod(method), new Uri("http://127.0.0.1:5000" + path)).ShouldBe([scope]);

    [Fact]
    public void A_mount_also_needs_pull_on_the_source_repository() =>
        AccessScope.Of(HttpMethod.Post, new Uri("http://r/v2/team/b/blobs/uploads/?mount=sha256:aa&from=team%2Fa"))
            .ShouldBe(["repository:team/b:pull,push", "repository:team/a:pull"]);

    [Theory]
    [InlineData("/v2/")]
    [InlineData("/v2/_catalog")]
    [InlineData("/token")]
    public void Paths_outside_a_repository_need_no_scope(string path) =>
        AccessScope.Of(HttpMethod.Get, new Uri("http://r" + path)).ShouldBeEmpty();
}
