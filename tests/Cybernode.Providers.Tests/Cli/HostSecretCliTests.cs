using System.Text.Json;
using Cybernode.Providers.Tests.Support;

namespace Cybernode.Providers.Tests.Cli;

/// <summary>
/// 01build.sh gets the build's secrets as files under $CYBERNODE_SECRETS: a private folder (0700,
/// files 0400) made for its stage and gone afterwards, after success, failure and Ctrl-C alike.
/// And a wrong --secret is one line with the right exit code that never repeats a value.
/// </summary>
public sealed class HostSecretCliTests : IDisposable
{
    /// <summary>Records what it saw of the folder, never the secret: its path, modes and the secret's hash.</summary>
    private const string Inspecting =
        "d=\"$CYBERNODE_SECRETS\"\n"
        + "echo \"$d\" > \"$BUILD_DIR/folder\"\n"
        + "stat -c %a \"$d\" > \"$BUILD_DIR/folder.mode\"\n"
        + "stat -c %a \"$d/token\" > \"$BUILD_DIR/file.mode\"\n"
        + "sha256sum < \"$d/token\" | cut -c1-64 > \"$BUILD_DIR/token.sha256\"\n";

    private readonly TempFolder _folder = new("cybernode-secret-");
    private readonly string _marker = SecretLeaks.NewMarker();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Secret => _folder.Combine("token.txt");

    [Fact]
    public async Task A_host_script_reads_the_secret_from_a_private_folder_that_is_gone_afterwards()
    {
        using var workspace = await HostWorkspaceAsync(Inspecting);
        string[] build = ["build", workspace.Root, "--secret", $"id=token,src={Secret}"];

        var built = await CybernodeAsync(build);
        var json = await CybernodeAsync([.. build, "--json"]);
        var plan = await CybernodeAsync([.. build, "--dry-run"]);
        var jsonPlan = await CybernodeAsync([.. build, "--dry-run", "--json"]);

        built.ExitCode.ShouldBe(0, built.ToString());
        json.ExitCode.ShouldBe(0, json.ToString());
        var bin = Path.Combine(workspace.Root, "script", "bin");
        File.ReadAllText(Path.Combine(bin, "folder.mode")).Trim().ShouldBe("700");
        File.ReadAllText(Path.Combine(bin, "file.mode")).Trim().ShouldBe("400");
        File.ReadAllText(Path.Combine(bin, "token.sha256")).Trim().ShouldBe(SecretLeaks.Sha256(_marker));
        var folder = File.ReadAllText(Path.Combine(bin, "folder")).Trim();
        folder.ShouldStartWith(_folder.Combine("tmp", "cybernode-secrets-"));
        Directory.Exists(folder).ShouldBeFalse();
        PrivateFolders().ShouldBeEmpty();
        plan.StandardOutput.ShouldContain($"CYBERNODE_SECRETS=SECRETS /bin/sh 01build.sh  # on the host; SECRETS: a private folder (0700) made for this stage and removed after it, holding a 0400 copy of token (from {Secret})");
        JsonDocument.Parse(jsonPlan.StandardOutput).RootElement.GetProperty("services").GetArrayLength().ShouldBe(1);
        new[] { built, json, plan, jsonPlan }.ShouldAllBe(r => !r.ToString().Contains(_marker));
        (await SecretLeaks.InFolderAsync(workspace.Root, _marker)).ShouldBeEmpty("store, logs and bin");
    }

    [Fact]
    public async Task A_failing_script_leaves_no_secret_folder_and_its_error_holds_no_secret()
    {
        using var workspace = await HostWorkspaceAsync(Inspecting + "echo compiling; exit 3\n");

        var build = await CybernodeAsync(["build", workspace.Root, "--secret", $"id=token,src={Secret}"]);

        build.ExitCode.ShouldBe(1, build.ToString());
        build.ToString().ShouldContain("01build.sh failed with exit code 3");
        build.ToString().ShouldNotContain(_marker);
        Directory.Exists(File.ReadAllText(Path.Combine(workspace.Root, "script", "bin", "folder")).Trim()).ShouldBeFalse();
        PrivateFolders().ShouldBeEmpty();
        (await SecretLeaks.InFolderAsync(workspace.Root, _marker)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Ctrl_C_during_the_script_removes_the_secret_folder()
    {
        using var workspace = await HostWorkspaceAsync(Inspecting + "echo started; sleep 30\n");
        var interrupted = 0;

        var watch = new ProcessOptions
        {
            Environment = Environment(),
            OnOutputLine = (pid, line) =>
            {
                if (line == "[script] started" && Interlocked.Exchange(ref interrupted, 1) == 0)
                {
                    CybernodeCli.Interrupt(pid);
                }
            },
        };
        var build = await CybernodeCli.RunAsync(["build", workspace.Root, "--secret", $"id=token,src={Secret}"], watch, Token);

        interrupted.ShouldBe(1, build.ToString());
        build.ExitCode.ShouldBe(130, build.ToString());
        Directory.Exists(File.ReadAllText(Path.Combine(workspace.Root, "script", "bin", "folder")).Trim()).ShouldBeFalse();
        PrivateFolders().ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_secrets_the_script_sees_no_CYBERNODE_SECRETS_even_one_set_by_its_caller()
    {
        using var workspace = await HostWorkspaceAsync("echo \"${CYBERNODE_SECRETS-unset}\" > \"$BUILD_DIR/seen\"\n");
        var environment = Environment();
        environment["CYBERNODE_SECRETS"] = "/etc";

        var build = await CybernodeCli.RunAsync(["build", workspace.Root], Token, environment);

        build.ExitCode.ShouldBe(0, build.ToString());
        File.ReadAllText(Path.Combine(workspace.Root, "script", "bin", "seen")).Trim().ShouldBe("unset");
    }

    [Fact]
    public async Task A_wrong_secret_is_one_line_exit_2_for_the_command_line_and_1_for_a_missing_source_never_with_a_value()
    {
        using var workspace = await HostWorkspaceAsync(Inspecting);
        var fifo = _folder.Combine("fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync(Token);
        }

        var cases = new (string[] Secrets, int Exit, string Error)[]
        {
            ([_marker], 2, "cybernode: --secret: field 1 is not KEY=VALUE (keys: type, id, src, source, env)\nsee: cybernode build --help\n"),
            ([$"id=token,value={_marker}"], 2, "cybernode: --secret: field 2 has an unknown key (keys: type, id, src, source, env)\nsee: cybernode build --help\n"),
            ([$"id=../token,src={Secret}"], 2, "cybernode: --secret: a secret id is 1 to 128 letters, digits, '.', '_' and '-' (not . or ..): it names a file under /run/secrets\nsee: cybernode build --help\n"),
            ([$"id=token,src={Secret}", $"id=token,src={Secret}"], 2, "cybernode: --secret: the id 'token' is given twice\nsee: cybernode build --help\n"),
            (["id=token,src=/nonexistent/token"], 1, "/nonexistent/token: secret 'token': no such file\nhint: --secret id=NAME,src=FILE names a regular file of at most 500 KiB\n"),
            ([$"id=token,src={fifo}"], 1, $"{fifo}: secret 'token': not a regular file (a device, FIFO or socket)\nhint: --secret id=NAME,src=FILE names a regular file of at most 500 KiB\n"),
            (["id=token,env=CYBERNODE_TEST_UNSET_SECRET"], 1, "secret 'token': the environment variable CYBERNODE_TEST_UNSET_SECRET is not set\nhint: export CYBERNODE_TEST_UNSET_SECRET, or give the secret from a file: --secret id=token,src=FILE\n"),
        };

        foreach (var (secrets, exit, error) in cases)
        {
            var build = await CybernodeAsync(["build", workspace.Root, .. secrets.SelectMany(s => new[] { "--secret", s })]);

            build.ExitCode.ShouldBe(exit, build.ToString());
            build.StandardError.ShouldBe(error);
            build.StandardOutput.ShouldBeEmpty();
        }

        var json = await CybernodeAsync(["build", workspace.Root, "--json", "--secret", "id=token,src=/nonexistent/token"]);
        json.ExitCode.ShouldBe(1);
        JsonDocument.Parse(json.StandardOutput).RootElement.GetProperty("error").GetString()!.ShouldStartWith("/nonexistent/token: secret 'token': no such file");
        Directory.Exists(Path.Combine(workspace.Root, "script", "bin")).ShouldBeFalse("nothing was built");
    }

    public void Dispose() => _folder.Dispose();

    private async Task<TwoPhaseWorkspace> HostWorkspaceAsync(string script)
    {
        await File.WriteAllTextAsync(Secret, _marker, Token);
        var workspace = await TwoPhaseWorkspace.EmptyAsync(Token);
        workspace.Write("script/01build.sh", script);
        workspace.Write("script/Dockerfile", "FROM scratch\nADD bin/* /app/\n");
        return workspace;
    }

    /// <summary>A temp folder of the test's own, so the private folders the CLI makes there can be counted.</summary>
    private Dictionary<string, string?> Environment()
    {
        Directory.CreateDirectory(_folder.Combine("tmp"));
        return new Dictionary<string, string?> { ["TMPDIR"] = _folder.Combine("tmp") };
    }

    private Task<ProcessResult> CybernodeAsync(string[] arguments) => CybernodeCli.RunAsync(arguments, Token, Environment());

    private string[] PrivateFolders() => Directory.GetDirectories(_folder.Combine("tmp"), "cybernode-secrets-*");
}
