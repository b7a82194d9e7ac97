using System.Diagnostics;
using System.Text;
using Cybernode.Build.Secrets;
using Cybernode.Build.Tests.Fixtures;
using Cybernode.Providers;

namespace Cybernode.Build.Tests.Secrets;

/// <summary>The private copies a build stage gets: 0700 folder, 0400 files, gone after; bad sources refused without reading them.</summary>
public sealed class SecretFolderTests : IDisposable
{
    private const UnixFileMode Mode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly TempFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Copies_are_0400_files_in_a_0700_folder_that_dispose_removes()
    {
        var file = _folder["token.txt"];
        await File.WriteAllTextAsync(file, "from a file", Token);
        Environment.SetEnvironmentVariable("CYBERNODE_TEST_SECRET_FOLDER", "from a variable");
        string path;
        using (var secrets = await SecretFolder.CreateAsync(
            [new BuildSecret("token", file, false), new BuildSecret("env-token", "CYBERNODE_TEST_SECRET_FOLDER", true)], Token))
        {
            path = secrets.Path;
            File.GetUnixFileMode(path).ShouldBe(Mode0700);
            secrets.Files.Keys.ShouldBe(["env-token", "token"]);
            File.GetUnixFileMode(secrets.Files["token"]).ShouldBe(UnixFileMode.UserRead);
            File.GetUnixFileMode(secrets.Files["env-token"]).ShouldBe(UnixFileMode.UserRead);
            (await File.ReadAllTextAsync(secrets.Files["token"], Token)).ShouldBe("from a file");
            (await File.ReadAllTextAsync(secrets.Files["env-token"], Token)).ShouldBe("from a variable");
        }

        Directory.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public async Task A_secret_that_cannot_be_read_leaves_no_folder_behind()
    {
        var before = PrivateFolders();
        var good = _folder["good"];
        await File.WriteAllTextAsync(good, "x", Token);

        var error = await Should.ThrowAsync<UserError>(() => SecretFolder.CreateAsync(
            [new BuildSecret("good", good, false), new BuildSecret("gone", _folder["gone"], false)], Token));

        error.Message.ShouldBe("secret 'gone': no such file");
        PrivateFolders().ShouldBe(before);
    }

    [Fact]
    public void A_FIFO_a_device_a_folder_and_an_oversized_file_are_refused_without_being_read()
    {
        var fifo = _folder["fifo"];
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        var big = _folder["big"];
        File.WriteAllBytes(big, new byte[SecretValues.MaxBytes + 1]);

        Problem(fifo).ShouldBe("secret 'x': not a regular file (a device, FIFO or socket)");
        Problem("/dev/zero").ShouldBe("secret 'x': not a regular file (a device, FIFO or socket)");
        Problem(_folder.Path).ShouldBe("secret 'x': a folder, not a file");
        Problem(big).ShouldBe("secret 'x': larger than 500 KiB, the most a build secret may hold");
    }

    [Fact]
    public void An_unset_variable_is_named_with_its_secret()
    {
        var error = Should.Throw<UserError>(() => SecretValues.Check(new BuildSecret("t", "CYBERNODE_TEST_SURELY_UNSET", true), _ => null));

        error.Describe().ShouldStartWith("secret 't': the environment variable CYBERNODE_TEST_SURELY_UNSET is not set\nhint: ");
    }

    [Fact]
    public void An_oversized_variable_is_refused()
    {
        var value = new string('x', SecretValues.MaxBytes + 1);

        var error = Should.Throw<UserError>(() => SecretValues.Check(new BuildSecret("t", "V", true), _ => value));

        error.Message.ShouldContain("more than 500 KiB");
        Encoding.UTF8.GetByteCount(error.Describe()).ShouldBeLessThan(400);
    }

    public void Dispose() => _folder.Dispose();

    private static string? Problem(string path) =>
        Should.Throw<UserError>(() => SecretValues.Check(new BuildSecret("x", path, false), _ => null)).Message;

    private static List<string> PrivateFolders() => [.. Directory.GetDirectories(Path.GetTempPath(), "cybernode-secrets-*").Order()];
}
