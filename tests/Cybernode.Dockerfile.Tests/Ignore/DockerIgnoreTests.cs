using Cybernode.Dockerfile.Ignore;

namespace Cybernode.Dockerfile.Tests.Ignore;

public sealed class DockerIgnoreTests
{
    // Each row: .dockerignore lines joined with '|', a path, and whether the path is excluded.
    [Theory]
    // Docker's documentation examples.
    [InlineData("*/temp*", "somedir/temporary.txt", true)]
    [InlineData("*/temp*", "somedir/temp", true)]
    [InlineData("*/temp*", "somedir/temp/inner.txt", true)]
    [InlineData("*/temp*", "temporary.txt", false)]
    [InlineData("*/temp*", "a/b/temporary.txt", false)]
    [InlineData("*/*/temp*", "somedir/subdir/temporary.txt", true)]
    [InlineData("*/*/temp*", "somedir/temporary.txt", false)]
    [InlineData("temp?", "tempa", true)]
    [InlineData("temp?", "tempb", true)]
    [InlineData("temp?", "temp", false)]
    [InlineData("temp?", "tempab", false)]
    [InlineData("temp?", "dir/tempa", false)]
    [InlineData("**/*.go", "main.go", true)]
    [InlineData("**/*.go", "cmd/tool/main.go", true)]
    [InlineData("**/*.go", "main.go.txt", false)]
    [InlineData("*.md|!README.md", "README.md", false)]
    [InlineData("*.md|!README.md", "CHANGELOG.md", true)]
    [InlineData("*.md|!README.md", "docs/guide.md", false)]
    [InlineData("*.md|!README*.md|README-secret.md", "README-secret.md", true)]
    [InlineData("*.md|!README*.md|README-secret.md", "README-public.md", false)]
    [InlineData("*.md|!README*.md|README-secret.md", "NOTES.md", true)]
    [InlineData("*.md|README-secret.md|!README*.md", "README-secret.md", false)]
    [InlineData("*.md|README-secret.md|!README*.md", "NOTES.md", true)]
    [InlineData(".git|Dockerfile|.dockerignore", ".git", true)]
    [InlineData(".git|Dockerfile|.dockerignore", ".git/objects/ab/cdef", true)]
    [InlineData(".git|Dockerfile|.dockerignore", "Dockerfile", true)]
    [InlineData(".git|Dockerfile|.dockerignore", ".dockerignore", true)]
    [InlineData(".git|Dockerfile|.dockerignore", "src/Dockerfile", false)]
    // Cleaning: leading '/' and './', trailing '/', '..' and repeated slashes.
    [InlineData("/build", "build/out.bin", true)]
    [InlineData("./build", "build/out.bin", true)]
    [InlineData("build/", "build/out.bin", true)]
    [InlineData("a//b/../c", "a/c", true)]
    [InlineData("a//b/../c", "a/b", false)]
    // Folders exclude what is below them; '**' spans any number of folders.
    [InlineData("node_modules", "node_modules/pkg/index.js", true)]
    [InlineData("**/node_modules", "web/app/node_modules/pkg/index.js", true)]
    [InlineData("**/node_modules", "node_modules", true)]
    [InlineData("docs/**", "docs/a/b.txt", true)]
    [InlineData("docs/**", "documents/a.txt", false)]
    [InlineData("**", "anything/at/all", true)]
    [InlineData("a/**/z", "a/z", true)]
    [InlineData("a/**/z", "a/b/c/z", true)]
    [InlineData("a/**/z", "a/b/c/y", false)]
    // '*' and '?' stay within one path segment.
    [InlineData("*.txt", "notes.txt", true)]
    [InlineData("*.txt", "dir/notes.txt", false)]
    [InlineData("dir?x", "dir/x", false)]
    // Classes, escapes and characters that mean something to regular expressions.
    [InlineData("[a-c].txt", "b.txt", true)]
    [InlineData("[a-c].txt", "d.txt", false)]
    [InlineData("[^a-c].txt", "d.txt", true)]
    [InlineData("\\*.txt", "*.txt", true)]
    [InlineData("\\*.txt", "a.txt", false)]
    [InlineData("a.b", "axb", false)]
    [InlineData("v1.(x)+{y}$*", "v1.(x)+{y}$z", true)]
    [InlineData("v1.(x)+{y}$*", "v1x(x)+{y}$z", false)]
    [InlineData("file_\\_x", "file__x", true)]
    // The last matching pattern wins, and an exception can be excluded again.
    [InlineData("logs|!logs/keep.log", "logs/keep.log", false)]
    [InlineData("logs|!logs/keep.log", "logs/other.log", true)]
    [InlineData("logs|!logs/keep.log|logs/keep.log", "logs/keep.log", true)]
    [InlineData("!keep|*", "keep", true)]
    // A leading '**' followed by plain text compares as a suffix, as patternmatcher does.
    [InlineData("**.log", "app.log", true)]
    [InlineData("**.log", "deep/down/app.log", true)]
    public void Decides_exclusion_like_buildkit(string lines, string path, bool excluded) =>
        DockerIgnore.Parse(lines.Replace('|', '\n')).IsExcluded(path).ShouldBe(excluded);

    [Fact]
    public void Comments_blank_lines_and_surrounding_space_are_dropped()
    {
        var ignore = DockerIgnore.Parse("\uFEFF# comment\r\n\r\n   \n  *.tmp  \r\n\t!keep.tmp\n! spaced/ \n");

        ignore.Patterns.ShouldBe(["*.tmp", "!keep.tmp", "!spaced"]);
    }

    [Fact]
    public void A_hash_after_leading_space_is_a_pattern_not_a_comment()
    {
        var ignore = DockerIgnore.Parse("  #notes");

        ignore.Patterns.ShouldBe(["#notes"]);
        ignore.IsExcluded("#notes").ShouldBeTrue();
    }

    [Fact]
    public void Patterns_are_cleaned_the_way_go_cleans_paths() =>
        DockerIgnore.Parse("/test2\n/a/file/here\n./x/./y/\n../up\n/\n! /inverted/abs/path").Patterns
            .ShouldBe(["test2", "a/file/here", "x/y", "../up", "/", "!inverted/abs/path"]);

    [Theory]
    [InlineData("!")]
    [InlineData("! ")]
    [InlineData("!/")]
    public void A_bare_exclamation_mark_is_rejected(string text) =>
        Should.Throw<InvalidPatternException>(() => DockerIgnore.Parse(text)).Message.ShouldContain("illegal exclusion pattern");

    [Theory]
    [InlineData("[")]
    [InlineData("a[b")]
    [InlineData("x\\")]
    [InlineData("[z-a]")]
    public void Malformed_patterns_are_rejected_when_parsing(string text) =>
        Should.Throw<InvalidPatternException>(() => DockerIgnore.Parse(text));

    [Theory]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("./")]
    public void The_context_root_is_never_excluded(string path) =>
        DockerIgnore.Parse("*\n**").IsExcluded(path).ShouldBeFalse();

    [Fact]
    public void Paths_are_cleaned_before_matching()
    {
        var ignore = DockerIgnore.Parse("build");

        ignore.IsExcluded("./build/x").ShouldBeTrue();
        ignore.IsExcluded("src/../build").ShouldBeTrue();
        ignore.IsExcluded("/build/").ShouldBeTrue();
    }

    [Fact]
    public void An_empty_file_excludes_nothing()
    {
        var ignore = DockerIgnore.Parse(string.Empty);

        ignore.Patterns.ShouldBeEmpty();
        ignore.IsExcluded("anything").ShouldBeFalse();
        ignore.MayHaveIncludedDescendants("anything").ShouldBeTrue();
    }

    [Fact]
    public void An_excluded_folder_needs_no_walk_without_exceptions() =>
        DockerIgnore.Parse("node_modules").MayHaveIncludedDescendants("node_modules").ShouldBeFalse();

    [Fact]
    public void An_excluded_folder_is_walked_when_an_exception_names_a_path_inside_it()
    {
        var ignore = DockerIgnore.Parse("build\nvendor\n!build/keep/me.txt");

        ignore.MayHaveIncludedDescendants("build").ShouldBeTrue();
        ignore.MayHaveIncludedDescendants("build/keep").ShouldBeTrue();
        ignore.MayHaveIncludedDescendants("vendor").ShouldBeFalse();
        ignore.IsExcluded("build/keep/me.txt").ShouldBeFalse();
        ignore.IsExcluded("build/other.txt").ShouldBeTrue();
    }

    [Fact]
    public void A_trailing_glob_on_an_exception_still_counts_as_a_plain_path()
    {
        var ignore = DockerIgnore.Parse("*\n!src/**\n!docs/*");

        ignore.MayHaveIncludedDescendants("src").ShouldBeTrue();
        ignore.MayHaveIncludedDescendants("docs").ShouldBeTrue();
        ignore.MayHaveIncludedDescendants("bin").ShouldBeFalse();
    }

    [Fact]
    public void Any_wildcard_exception_makes_every_excluded_folder_worth_walking()
    {
        var ignore = DockerIgnore.Parse("data\nbin\n!**/*.keep");

        ignore.MayHaveIncludedDescendants("data").ShouldBeTrue();
        ignore.MayHaveIncludedDescendants("bin").ShouldBeTrue();
        ignore.IsExcluded("data/x.keep").ShouldBeFalse();
    }

    [Fact]
    public void A_folder_that_is_not_excluded_may_have_included_descendants() =>
        DockerIgnore.Parse("*.log").MayHaveIncludedDescendants("src").ShouldBeTrue();
}
