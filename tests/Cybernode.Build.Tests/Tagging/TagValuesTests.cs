using Cybernode.Build.Tagging;
using Cybernode.Build.Tests.Fixtures;
using Cybernode.Build.Workspaces;
using Cybernode.Providers.Processes;

namespace Cybernode.Build.Tests.Tagging;

/// <summary>The values tag templates get, from real files and a real git repository.</summary>
public sealed class TagValuesTests : IDisposable
{
    private readonly TempFolder _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private Service App => new("app", "app", _workspace["app"], "cybernode");

    [Fact]
    public void The_date_is_SOURCE_DATE_EPOCH_s_when_set_else_the_build_s_in_UTC()
    {
        var now = new DateTimeOffset(2026, 11, 29, 23, 30, 0, TimeSpan.FromHours(-5));

        TagValues.BuildDate("1700000000", now).ShouldBe(new DateOnly(2023, 11, 14));
        TagValues.BuildDate(null, now).ShouldBe(new DateOnly(2026, 11, 30));
        TagValues.BuildDate("", now).ShouldBe(new DateOnly(2026, 11, 30));
    }

    [Fact]
    public async Task Templates_expand_with_SOURCE_DATE_EPOCH_s_date_and_bin_REVISION_and_VERSION()
    {
        _workspace.Write("app/bin/VERSION", "1.4.0\n");
        _workspace.Write("app/bin/REVISION", "0123456789abcdef\n");
        var values = new TagValues(App, TagValues.BuildDate("1700000000", DateTimeOffset.UtcNow), new GitRevision(_workspace.Path));

        var names = await ServiceTags.ExpandAsync(["v{date}-{rev8}", "{version}", "full-{rev}"], App, values);

        names.ShouldBe(["cybernode/app:v20231114-01234567", "cybernode/app:1.4.0", "cybernode/app:full-0123456789abcdef"]);
    }

    [Fact]
    public async Task Without_bin_REVISION_the_revision_is_git_HEAD_with_dirty_when_a_tracked_file_changed()
    {
        _workspace.Write("app/Dockerfile", "FROM scratch\n");
        await GitAsync("init", "-q");
        await GitAsync("add", ".");
        await GitAsync("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "first");
        var head = (await GitAsync("rev-parse", "HEAD")).Trim();

        var clean = await ServiceTags.ExpandAsync(["{rev8}", "{rev}"], App, new TagValues(App, default, new GitRevision(_workspace.Path)));
        _workspace.Write("app/untracked.txt", "not in git\n");
        var untracked = await ServiceTags.ExpandAsync(["{rev8}"], App, new TagValues(App, default, new GitRevision(_workspace.Path)));
        _workspace.Write("app/Dockerfile", "FROM scratch\nCOPY x /\n");
        var dirty = await ServiceTags.ExpandAsync(["{rev8}"], App, new TagValues(App, default, new GitRevision(_workspace.Path)));

        clean.ShouldBe([$"cybernode/app:{head[..8]}", $"cybernode/app:{head}"]);
        untracked.ShouldBe([$"cybernode/app:{head[..8]}"]);
        dirty.ShouldBe([$"cybernode/app:{head[..8]}-dirty"]);
    }

    [Fact]
    public async Task A_revision_outside_any_git_repository_fails_saying_so()
    {
        var error = await Should.ThrowAsync<UserError>(() =>
            ServiceTags.ExpandAsync(["{rev8}"], App, new TagValues(App, default, new GitRevision(_workspace.Path))));

        error.Message.ShouldContain($"{_workspace.Path} is not in a git repository");
        error.Hint!.ShouldContain("bin/REVISION");
    }

    [Fact]
    public async Task A_version_template_without_bin_VERSION_fails_naming_the_file()
    {
        var error = await Should.ThrowAsync<UserError>(() =>
            ServiceTags.ExpandAsync(["v{version}"], App, new TagValues(App, default, new GitRevision(_workspace.Path))));

        error.File.ShouldBe(_workspace["app/bin/VERSION"]);
        error.Message.ShouldContain("needs " + _workspace["app/bin/VERSION"]);
    }

    [Fact]
    public async Task A_VERSION_that_makes_no_valid_tag_fails_naming_the_file()
    {
        _workspace.Write("app/bin/VERSION", "1.0 beta\n");

        var error = await Should.ThrowAsync<UserError>(() =>
            ServiceTags.ExpandAsync(["v{version}"], App, new TagValues(App, default, new GitRevision(_workspace.Path))));

        error.File.ShouldBe(_workspace["app/bin/VERSION"]);
        error.Message.ShouldContain("gives 'v1.0 beta', which is not a valid image tag");
    }

    private async Task<string> GitAsync(params string[] arguments)
    {
        var result = await Cybernode.Providers.Processes.ProcessRunner.RunAsync(new ProcessSpec("git", ["-C", _workspace.Path, .. arguments], new Dictionary<string, string?>()), null, CancellationToken.None);
        result.Succeeded.ShouldBeTrue(string.Join('\n', result.LastLines));
        return result.StandardOutput;
    }
}
