using Cybernode.Build.Tagging;

namespace Cybernode.Build.Tests.Tagging;

public class TagTemplateTests
{
    [Theory]
    [InlineData("v1", "v1")]
    [InlineData("v{date}-{rev8}", "v20261129-abcdef01")]
    [InlineData("{version}_{rev}", "1.2.3_abcdef0123456789")]
    [InlineData("{date}{date}", "2026112920261129")]
    public void A_template_fills_in_each_variable(string text, string expected)
    {
        var values = new Dictionary<string, string>
        {
            ["date"] = "20261129",
            ["rev8"] = "abcdef01",
            ["rev"] = "abcdef0123456789",
            ["version"] = "1.2.3",
        };

        TagTemplate.TryParse(text, out var template, out var problem).ShouldBeTrue(problem);

        template.Expand(v => values[v]).ShouldBe(expected);
    }

    [Fact]
    public void A_template_names_the_variables_it_uses()
    {
        TagTemplate.TryParse("v{date}-{rev8}-{date}", out var template, out _).ShouldBeTrue();

        template.Variables.Order().ShouldBe(["date", "rev8"]);
    }

    [Theory]
    [InlineData("v{commit}", "tag 'v{commit}' uses the unknown '{commit}'")]
    [InlineData("v{date", "tag 'v{date': '{' at position 2 is not closed")]
    [InlineData("v}1", "tag 'v}1': '}' at position 2 closes no '{'")]
    [InlineData("-{date}", "'-{date}' can never be a valid image tag, whatever its variables hold")]
    [InlineData("{date}/x", "'{date}/x' can never be a valid image tag, whatever its variables hold")]
    [InlineData("-bad", "'-bad' is not a valid image tag")]
    public void A_template_that_can_never_make_a_tag_is_refused_with_why(string text, string problem)
    {
        TagTemplate.TryParse(text, out _, out var found).ShouldBeFalse();

        found.ShouldBe(problem);
    }

    [Fact]
    public void A_template_whose_shortest_value_is_longer_than_a_tag_is_refused()
    {
        TagTemplate.TryParse(new string('a', 121) + "{date}", out _, out var problem).ShouldBeFalse();

        problem.ShouldEndWith("can never be a valid image tag, whatever its variables hold");
    }
}
