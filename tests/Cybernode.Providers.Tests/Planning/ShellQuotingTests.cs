namespace Cybernode.Providers.Tests.Planning;

public sealed class ShellQuotingTests
{
    [Theory]
    [InlineData("cybernode/x:latest", "cybernode/x:latest")]
    [InlineData("/abs/x/bin:/build:z", "/abs/x/bin:/build:z")]
    [InlineData("KEY=value", "KEY=value")]
    [InlineData("", "''")]
    [InlineData("two words", "'two words'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("$HOME", "'$HOME'")]
    [InlineData("cp /out/* /build", "'cp /out/* /build'")]
    [InlineData("{{.Id}}", "'{{.Id}}'")]
    public void Quotes_only_words_the_shell_would_change(string word, string quoted) => ShellQuoting.Quote(word).ShouldBe(quoted);
}
