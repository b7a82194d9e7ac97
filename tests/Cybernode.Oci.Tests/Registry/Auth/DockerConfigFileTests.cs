using System.Text;
using Cybernode.Oci.Registry;
using Cybernode.Oci.Registry.Auth;
using Cybernode.Oci.Tests.Fixtures;

namespace Cybernode.Oci.Tests.Registry.Auth;

public sealed class DockerConfigFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string ConfigPath => _folder.Combine("config.json");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("docker.io", RegistryHostKey.DockerHub)]
    [InlineData("index.docker.io", RegistryHostKey.DockerHub)]
    [InlineData("registry-1.docker.io", RegistryHostKey.DockerHub)]
    [InlineData("https://index.docker.io/v1/", RegistryHostKey.DockerHub)]
    [InlineData("https://Registry.Example:5000/v2/", "registry.example:5000")]
    [InlineData("http://127.0.0.1:5000", "127.0.0.1:5000")]
    [InlineData("quay.io", "quay.io")]
    public void Keys_are_normalised_as_docker_does(string written, string key) => RegistryHostKey.Of(written).ShouldBe(key);

    [Fact]
    public async Task Entries_are_found_whether_written_with_a_scheme_or_not()
    {
        await File.WriteAllTextAsync(ConfigPath, $$$"""
            {"auths": {
              "https://index.docker.io/v1/": {"auth": "{{{Base64("hub:pw1")}}}"},
              "https://registry.example:5000/v2/": {"auth": "{{{Base64("ex:pw:with:colons")}}}"},
              "tokens.example": {"auth": "{{{Base64("tk:")}}}", "identitytoken": "idt"}
            }}
            """, Token);

        var config = await DockerConfigFile.LoadAsync(ConfigPath, Token);

        config.AuthFor(RegistryHostKey.Of("docker.io"))!.Username.ShouldBe("hub");
        var example = config.AuthFor(RegistryHostKey.Of("registry.example:5000"))!;
        (example.Username, example.Password).ShouldBe(("ex", "pw:with:colons"));
        config.AuthFor("tokens.example")!.IdentityToken.ShouldBe("idt");
        config.AuthFor("other.example").ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n")]
    public async Task A_missing_or_empty_file_means_anonymous(string? content)
    {
        if (content is not null)
        {
            await File.WriteAllTextAsync(ConfigPath, content, Token);
        }

        var config = await DockerConfigFile.LoadAsync(ConfigPath, Token);

        config.AuthFor("127.0.0.1:5000").ShouldBeNull();
        config.CredsStore.ShouldBeNull();
    }

    [Theory]
    [InlineData("[1]", "is not a JSON object")]
    [InlineData("""{"auths": 3}""", "auths is not a JSON object")]
    [InlineData("""{"credHelpers": []}""", "credHelpers is not a JSON object")]
    [InlineData("""{"auths": {"h": {"auth": "%%%"}}}""", "the auth of \"h\" is not base64")]
    [InlineData("""{"auths": {"h": {"auth": "bm9jb2xvbg=="}}}""", "the auth of \"h\" is not base64 of USER:PASSWORD")]
    public async Task A_malformed_file_is_one_error_naming_it(string content, string what)
    {
        await File.WriteAllTextAsync(ConfigPath, content, Token);

        var error = await Should.ThrowAsync<RegistryException>(async () => (await DockerConfigFile.LoadAsync(ConfigPath, Token)).AuthFor("h"));

        error.Message.ShouldBe($"{ConfigPath}: {what}");
    }

    [Fact]
    public async Task Saving_keeps_other_keys_writes_0600_and_follows_a_link_to_the_real_file()
    {
        var real = _folder.Combine("dotfiles", "docker-config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        await File.WriteAllTextAsync(real, """{"psFormat":"x","auths":{"http://h:1":{"auth":"eDp5"}},"credHelpers":{"gcr.io":"gcloud"}}""", Token);
        File.CreateSymbolicLink(ConfigPath, real);
        var config = await DockerConfigFile.LoadAsync(ConfigPath, Token);

        config.SetAuth("h:1", new RegistryCredential("u", "p"));
        await config.SaveAsync(Token);

        File.ResolveLinkTarget(ConfigPath, returnFinalTarget: false)!.FullName.ShouldBe(real);
        File.GetUnixFileMode(real).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var saved = await DockerConfigFile.LoadAsync(ConfigPath, Token);
        saved.AuthFor("h:1")!.Password.ShouldBe("p");
        saved.HelperFor("gcr.io").ShouldBe("gcloud");
        var text = await File.ReadAllTextAsync(real, Token);
        text.ShouldContain("\"psFormat\": \"x\"");
        text.ShouldNotContain("http://h:1");
        Directory.GetFiles(Path.GetDirectoryName(real)!).ShouldBe([real]);
    }

    [Theory]
    [InlineData("../../bin/sh")]
    [InlineData("a b")]
    public void A_helper_name_that_is_not_a_plain_name_is_refused(string name) =>
        Should.Throw<RegistryException>(() => new CredentialHelper(name)).Message.ShouldContain("is not a credential helper name");

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
