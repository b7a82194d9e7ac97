using Cybernode.Build.Caching;

namespace Cybernode.Build.Tests.Caching;

public class InputChangesTests
{
    private static StepInputs Inputs(IEnumerable<(string, string)> files, string arg = "1", string variable = "a") => new(
        "HostScript",
        new(files.ToDictionary(f => f.Item1, f => f.Item2), StringComparer.Ordinal),
        new(StringComparer.Ordinal) { ["GOFLAGS"] = StepInputs.Fingerprint("GOFLAGS", variable) },
        new(StringComparer.Ordinal) { ["VERSION"] = StepInputs.Fingerprint("VERSION", arg) },
        new(StringComparer.Ordinal));

    [Fact]
    public void Names_files_added_removed_and_modified_then_says_how_many_more()
    {
        var before = Inputs([("a", "1"), ("b", "1"), ("c", "1"), ("d", "1")]);
        var after = Inputs([("a", "2"), ("c", "1"), ("e", "1"), ("f", "1"), ("g", "1")]);
        InputChanges.Describe(before, after).ShouldBe("files changed: 'a' (modified), 'b' (removed), 'd' (removed) and 3 more");
    }

    [Fact]
    public void Names_the_build_arg_and_the_variable_without_their_values()
    {
        var text = InputChanges.Describe(Inputs([], arg: "1", variable: "secret-one"), Inputs([], arg: "2", variable: "secret-two"));
        text.ShouldBe("variables changed: 'GOFLAGS' (modified); build args changed: 'VERSION' (modified)");
        text.ShouldNotContain("secret");
    }

    [Fact]
    public void Equal_inputs_have_equal_keys_and_any_change_a_new_one()
    {
        Inputs([("a", "1")]).Key().ShouldBe(Inputs([("a", "1")]).Key());
        Inputs([("a", "1")]).Key().ShouldNotBe(Inputs([("a", "2")]).Key());
        Inputs([("a", "1")]).Key().ShouldNotBe(Inputs([("a", "1")], arg: "2").Key());
    }
}
