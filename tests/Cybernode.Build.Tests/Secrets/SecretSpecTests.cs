using Cybernode.Build.Secrets;
using Cybernode.Providers;

namespace Cybernode.Build.Tests.Secrets;

/// <summary>--secret read as BuildKit (docker buildx build --secret) reads it, defaults included.</summary>
public sealed class SecretSpecTests
{
    private const string Cwd = "/work/space";
    private static readonly Dictionary<string, string> Variables = new() { ["API_TOKEN"] = "set", ["token"] = "set" };

    [Theory]
    [InlineData("id=aws,src=/home/u/.aws/credentials", "aws", "/home/u/.aws/credentials", false)]
    [InlineData("id=aws,source=creds", "aws", "/work/space/creds", false)]
    [InlineData("src=/run/keys/deploy.key", "deploy.key", "/run/keys/deploy.key", false)]
    [InlineData("type=file,id=npmrc", "npmrc", "/work/space/npmrc", false)]
    [InlineData("id=kube,env=KUBECONFIG", "kube", "KUBECONFIG", true)]
    [InlineData("env=KUBECONFIG", "KUBECONFIG", "KUBECONFIG", true)]
    [InlineData("type=env,id=GH_TOKEN", "GH_TOKEN", "GH_TOKEN", true)]
    [InlineData("type=env,src=GH_TOKEN", "GH_TOKEN", "GH_TOKEN", true)]
    [InlineData("Type=env,ID=t,ENV=GH_TOKEN", "t", "GH_TOKEN", true)]
    [InlineData("id=API_TOKEN", "API_TOKEN", "API_TOKEN", true)]
    [InlineData("id=unset_name", "unset_name", "/work/space/unset_name", false)]
    public void BuildKit_spellings_and_defaults(string text, string id, string source, bool fromEnvironment)
    {
        SecretSpec.Parse(text, Variables.GetValueOrDefault, Cwd).ShouldBe(new BuildSecret(id, source, fromEnvironment));
    }

    [Theory]
    [InlineData("id=../x,src=/f", "a secret id is")]
    [InlineData("id=a/b,src=/f", "a secret id is")]
    [InlineData("id=,src=/f", "a secret id is")]
    [InlineData("id=..,src=/f", "a secret id is")]
    [InlineData("src=/", "a secret id is")]
    [InlineData("type=file", "needs id=NAME")]
    [InlineData("", "field 1 is not KEY=VALUE")]
    [InlineData("type=ssh,id=a", "type is file or env")]
    [InlineData("id=a,src=/f,env=V", "not both")]
    [InlineData("type=file,id=a,env=V", "type=file does not take")]
    [InlineData("id=a,env=1BAD", "names an environment variable")]
    [InlineData("type=env", "names an environment variable")]
    public void Malformed_secrets_are_refused_in_one_line(string text, string expected)
    {
        var error = Should.Throw<FormatException>(() => SecretSpec.Parse(text, Variables.GetValueOrDefault, Cwd));

        error.Message.ShouldContain(expected);
        error.Message.ShouldNotContain("\n");
    }

    [Theory]
    [InlineData("hunter2-the-secret-itself")]
    [InlineData("id=a,value=hunter2-the-secret-itself")]
    [InlineData("id=a,hunter2-the-secret-itself")]
    public void A_value_pasted_by_mistake_is_never_repeated(string text)
    {
        var error = Should.Throw<FormatException>(() => SecretSpec.Parse(text, Variables.GetValueOrDefault, Cwd));

        error.Message.ShouldNotContain("hunter2");
    }
}
