using Cybernode.Dockerfile.Ignore;

namespace Cybernode.Dockerfile.Tests.Ignore;

/// <summary>Go's own table for <c>filepath.Match</c> on Unix, plus the COPY globs the build engine relies on.</summary>
public sealed class GoPathMatchTests
{
    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("*", "abc", true)]
    [InlineData("*c", "abc", true)]
    [InlineData("a*", "a", true)]
    [InlineData("a*", "abc", true)]
    [InlineData("a*", "ab/c", false)]
    [InlineData("a*/b", "abc/b", true)]
    [InlineData("a*/b", "a/c/b", false)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxe/f", true)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxexxx/f", true)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxexxx/fff", false)]
    [InlineData("a*b?c*x", "abxbbxdbxebxczzx", true)]
    [InlineData("a*b?c*x", "abxbbxdbxebxczzy", false)]
    [InlineData("ab[c]", "abc", true)]
    [InlineData("ab[b-d]", "abc", true)]
    [InlineData("ab[e-g]", "abc", false)]
    [InlineData("ab[^c]", "abc", false)]
    [InlineData("ab[^b-d]", "abc", false)]
    [InlineData("ab[^e-g]", "abc", true)]
    [InlineData("a\\*b", "a*b", true)]
    [InlineData("a\\*b", "ab", false)]
    [InlineData("a?b", "a☺b", true)]
    [InlineData("a[^a]b", "a☺b", true)]
    [InlineData("a???b", "a☺b", false)]
    [InlineData("a[^a][^a][^a]b", "a☺b", false)]
    [InlineData("[a-ζ]*", "α", true)]
    [InlineData("*[a-ζ]", "A", false)]
    [InlineData("a?b", "a/b", false)]
    [InlineData("a*b", "a/b", false)]
    [InlineData("[\\]a]", "]", true)]
    [InlineData("[\\-]", "-", true)]
    [InlineData("[x\\-]", "x", true)]
    [InlineData("[x\\-]", "-", true)]
    [InlineData("[x\\-]", "z", false)]
    [InlineData("[\\-x]", "x", true)]
    [InlineData("[\\-x]", "-", true)]
    [InlineData("[\\-x]", "a", false)]
    [InlineData("*x", "xxx", true)]
    public void Matches_as_go_filepath_match_does(string pattern, string name, bool expected) =>
        GoPathMatch.Match(pattern, name).ShouldBe(expected);

    [Theory]
    [InlineData("[]a]", "]")]
    [InlineData("[-]", "-")]
    [InlineData("[x-]", "x")]
    [InlineData("[x-]", "z")]
    [InlineData("[-x]", "a")]
    [InlineData("\\", "a")]
    [InlineData("[a-b-c]", "a")]
    [InlineData("[", "a")]
    [InlineData("[^", "a")]
    [InlineData("[^bc", "a")]
    [InlineData("a[", "a")]
    [InlineData("a[", "ab")]
    [InlineData("a[", "x")]
    [InlineData("a/b[", "x")]
    [InlineData("*x[", "y")]
    public void Malformed_patterns_are_rejected_whatever_the_name(string pattern, string name)
    {
        var error = Should.Throw<InvalidPatternException>(() => GoPathMatch.Match(pattern, name));

        error.Pattern.ShouldBe(pattern);
        error.Message.ShouldContain("syntax error in pattern");
        error.ShouldBeAssignableTo<ArgumentException>();
    }

    [Theory]
    [InlineData("bin/*", "bin/app", true)]
    [InlineData("bin/*", "bin/sub/app", false)]
    [InlineData("[0-9]*", "42.txt", true)]
    [InlineData("[0-9]*", "x42.txt", false)]
    [InlineData("*.go", "main.go", true)]
    [InlineData("*.go", "cmd/main.go", false)]
    [InlineData("file?.txt", "file1.txt", true)]
    [InlineData("file?.txt", "file10.txt", false)]
    [InlineData("*", "", true)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    public void Copy_source_globs_match_single_path_segments(string pattern, string name, bool expected) =>
        GoPathMatch.Match(pattern, name).ShouldBe(expected);

    [Theory]
    [InlineData("[!a]b", "!b", true)]
    [InlineData("[!a]b", "ab", true)]
    [InlineData("[!a]b", "cb", false)]
    public void An_exclamation_mark_in_a_class_is_a_member_because_go_only_negates_with_a_caret(string pattern, string name, bool expected) =>
        GoPathMatch.Match(pattern, name).ShouldBe(expected);

    [Fact]
    public void A_star_may_stop_inside_a_multibyte_character_as_go_matches_bytes() =>
        GoPathMatch.Match("*??", "한").ShouldBeTrue();

    [Fact]
    public void Long_names_beyond_the_stack_buffer_match() =>
        GoPathMatch.Match("a*z", "a" + new string('m', 5000) + "z").ShouldBeTrue();

    [Theory]
    [InlineData("plain/path.txt", false)]
    [InlineData("*.txt", true)]
    [InlineData("file?", true)]
    [InlineData("[ab]", true)]
    [InlineData("a\\b", true)]
    [InlineData("a]b", false)]
    public void Has_meta_spots_the_characters_match_treats_specially(string pattern, bool expected) =>
        GoPathMatch.HasMeta(pattern).ShouldBe(expected);
}
