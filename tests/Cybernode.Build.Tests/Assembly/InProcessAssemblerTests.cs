using System.Formats.Tar;
using System.IO.Compression;
using Cybernode.Build.Assembly;
using Cybernode.Build.Tests.Fixtures;
using Cybernode.Oci.Layers;

namespace Cybernode.Build.Tests.Assembly;

public class InProcessAssemblerTests
{
    private const UnixFileMode Executable = (UnixFileMode)493; // 0755

    [Fact]
    public async Task A_scratch_run_image_holds_the_binaries_in_cyberapp_with_their_modes_and_root_owner()
    {
        using var harness = new AssemblyHarness();
        harness.Write("bin/app", "#!/bin/sh\necho hi\n", Executable);
        harness.Write("bin/VERSION", "1.2.3\n");

        var image = await harness.AssembleAsync("""
            FROM scratch
            ADD bin/* /cyberapp/
            ENV HOME=/cyberdata
            VOLUME /cyberdata
            CMD ["/cyberapp/app"]
            """);

        image.Manifest.Layers.Count.ShouldBe(1);
        var listing = await harness.LayerListingAsync(image.Manifest.Layers[0]);
        listing.ShouldBe(["cyberapp/ 755 0:0 0", "cyberapp/VERSION 644 0:0 6", "cyberapp/app 755 0:0 18"]);
        var config = image.Config.Config!;
        config.Env.ShouldBe(["HOME=/cyberdata"]);
        config.Volumes!.Keys.ShouldBe(["/cyberdata"]);
        config.Cmd.ShouldBe(["/cyberapp/app"]);
        image.Config.Created.ShouldBe(DateTimeOffset.UnixEpoch);
        config.Labels!["org.opencontainers.image.created"].ShouldBe("1970-01-01T00:00:00Z");
        image.Config.History!.Count.ShouldBe(4);
        image.Config.History.Count(h => h.EmptyLayer != true).ShouldBe(1);
    }

    [Fact]
    public async Task Copy_takes_chown_and_chmod_for_files_and_folders()
    {
        using var harness = new AssemblyHarness();
        harness.Write("conf/a.conf", "a");
        harness.Write("conf/sub/b.conf", "b");

        var image = await harness.AssembleAsync("FROM scratch\nCOPY --chown=1000:2000 --chmod=640 conf /etc/app/\n");

        var listing = await harness.LayerListingAsync(image.Manifest.Layers[0]);
        listing.ShouldBe([
            "etc/ 755 1000:2000 0",
            "etc/app/ 755 1000:2000 0",
            "etc/app/a.conf 640 1000:2000 1",
            "etc/app/sub/ 640 1000:2000 0",
            "etc/app/sub/b.conf 640 1000:2000 1",
        ]);
    }

    [Fact]
    public async Task A_single_file_copied_to_a_path_without_a_slash_takes_that_name()
    {
        using var harness = new AssemblyHarness();
        harness.Write("tool", "x", Executable);

        var image = await harness.AssembleAsync("FROM scratch\nWORKDIR /opt\nCOPY tool renamed\n");

        var listing = await harness.LayerListingAsync(image.Manifest.Layers[1]);
        listing.ShouldBe(["opt/ 755 0:0 0", "opt/renamed 755 0:0 1"]);
        image.Config.Config!.WorkingDir.ShouldBe("/opt");
    }

    [Fact]
    public async Task Add_unpacks_a_local_tar_archive()
    {
        using var harness = new AssemblyHarness();
        using (var buffer = new MemoryStream())
        {
            await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            await using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
            {
                var entry = new PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "data/readme.txt")
                {
                    DataStream = new MemoryStream("inside"u8.ToArray()),
                    Mode = (UnixFileMode)420,
                };
                await writer.WriteEntryAsync(entry, TestContext.Current.CancellationToken);
            }

            harness.WriteBytes("payload.tar.gz", buffer.ToArray());
        }

        var image = await harness.AssembleAsync("FROM scratch\nADD payload.tar.gz /srv\n");

        (await harness.LayerFileAsync(image.Manifest.Layers[0], "srv/data/readme.txt")).ShouldBe("inside");
    }

    [Fact]
    public async Task Dockerignore_keeps_files_out_of_copied_folders()
    {
        using var harness = new AssemblyHarness();
        harness.Write("bin/app", "x");
        harness.Write("bin/app.o", "object");
        harness.Write("bin/notes/todo", "secret");
        harness.Write(".dockerignore", "# build leftovers\nbin/*.o\nbin/notes\n");

        var image = await harness.AssembleAsync("FROM scratch\nCOPY bin /cyberapp/\n");

        var listing = await harness.LayerListingAsync(image.Manifest.Layers[0]);
        listing.ShouldBe(["cyberapp/ 755 0:0 0", "cyberapp/app 644 0:0 1"]);
    }

    [Fact]
    public async Task Args_and_build_args_expand_as_docker_does_with_env_taking_precedence()
    {
        using var harness = new AssemblyHarness();
        harness.Write("bin/app", "x");

        var image = await harness.AssembleAsync("""
            ARG DIR=/cyberapp
            FROM scratch
            ARG DIR
            ARG VERSION=dev
            ARG MODE
            ENV MODE=${MODE:-plain} LABELLED=$VERSION
            ENV VERSION=from-env
            COPY bin/app ${DIR}/
            LABEL version="${VERSION}" arch=$TARGETARCH
            USER ${UID:-1000}
            """, buildArgs: new Dictionary<string, string> { ["VERSION"] = "2.0" });

        var config = image.Config.Config!;
        config.Env.ShouldBe(["MODE=plain", "LABELLED=2.0", "VERSION=from-env"]);
        config.Labels!["version"].ShouldBe("from-env");
        config.Labels["arch"].ShouldBe("");
        config.User.ShouldBe("1000");
        (await harness.LayerListingAsync(image.Manifest.Layers[0])).ShouldContain("cyberapp/app 644 0:0 1");
    }

    [Fact]
    public async Task Shell_form_commands_use_the_shell_and_entrypoint_clears_an_inherited_cmd()
    {
        using var harness = new AssemblyHarness();
        await harness.AssembleAsync("FROM scratch\nCMD [\"inherited\"]\n", name: "cybernode/base:latest");

        var image = await harness.AssembleAsync("""
            FROM cybernode/base
            SHELL ["/bin/bash", "-ec"]
            ENTRYPOINT exec /cyberapp/run --port 80
            EXPOSE 80 53/udp 8000-8001
            STOPSIGNAL SIGTERM
            HEALTHCHECK --interval=30s --timeout=1m30s --retries=3 CMD ["/cyberapp/check"]
            ONBUILD ADD . /src
            MAINTAINER team@example.org
            """);

        var config = image.Config.Config!;
        config.Entrypoint.ShouldBe(["/bin/bash", "-ec", "exec /cyberapp/run --port 80"]);
        config.Cmd.ShouldBeNull();
        config.Shell.ShouldBe(["/bin/bash", "-ec"]);
        config.ExposedPorts!.Keys.ShouldBe(["53/udp", "80/tcp", "8000/tcp", "8001/tcp"]);
        config.StopSignal.ShouldBe("SIGTERM");
        config.Healthcheck!.Test.ShouldBe(["CMD", "/cyberapp/check"]);
        config.Healthcheck.Interval.ShouldBe(30_000_000_000);
        config.Healthcheck.Timeout.ShouldBe(90_000_000_000);
        config.Healthcheck.Retries.ShouldBe(3);
        config.OnBuild.ShouldBe(["ADD . /src"]);
        image.Config.Author.ShouldBe("team@example.org");
    }

    [Fact]
    public async Task An_image_from_the_store_keeps_its_layers_and_config_under_the_new_ones()
    {
        using var harness = new AssemblyHarness();
        harness.Write("bin/base-tool", "base");
        var baseImage = await harness.AssembleAsync("FROM scratch\nCOPY bin/base-tool /cyberapp/\nENV HOME=/cyberdata\nCMD [\"/cyberapp/base-tool\"]\n", name: "cybernode/base:latest");
        harness.Write("bin/app", "app");

        var image = await harness.AssembleAsync("FROM cybernode/base:latest\nCOPY bin/app /cyberapp/\n");

        image.Manifest.Layers[0].ShouldBe(baseImage.Manifest.Layers[0]);
        image.Manifest.Layers.Count.ShouldBe(2);
        image.Config.Config!.Env.ShouldBe(["HOME=/cyberdata"]);
        image.Config.Config.Cmd.ShouldBe(["/cyberapp/base-tool"]);
        image.Config.RootFs.DiffIds.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Onbuild_triggers_of_the_base_run_in_the_child_and_are_not_passed_on()
    {
        using var harness = new AssemblyHarness();
        await harness.AssembleAsync("FROM scratch\nONBUILD COPY bin/app /cyberapp/\nONBUILD ENV FROM_TRIGGER=yes\n", name: "cybernode/base:latest");
        harness.Write("bin/app", "app");

        var image = await harness.AssembleAsync("FROM cybernode/base\n");

        image.Config.Config!.Env.ShouldBe(["FROM_TRIGGER=yes"]);
        image.Config.Config.OnBuild.ShouldBeNull();
        (await harness.LayerListingAsync(image.Manifest.Layers[0])).ShouldContain("cyberapp/app 644 0:0 3");
    }

    [Fact]
    public async Task The_same_inputs_give_the_same_digest_in_another_store_and_at_another_path()
    {
        var dockerfile = "FROM scratch\nADD bin/* /cyberapp/\nCMD [\"/cyberapp/app\"]\n";
        var digests = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var harness = new AssemblyHarness();
            harness.Write("bin/app", "same bytes", Executable);
            File.SetLastWriteTimeUtc(harness.Write("bin/data", new string('x', 100_000)), DateTime.UtcNow.AddDays(-i));
            var image = await harness.AssembleAsync(dockerfile);
            digests.Add(image.ManifestDescriptor.Digest.ToString());
        }

        digests[0].ShouldBe(digests[1]);
    }

    [Fact]
    public async Task Source_date_epoch_sets_the_file_times_and_the_created_date()
    {
        using var harness = new AssemblyHarness { Options = AssemblerOptions.Default with { SourceDateEpoch = 1_700_000_000 } };
        harness.Write("bin/app", "x");

        var image = await harness.AssembleAsync("FROM scratch\nCOPY bin/app /cyberapp/\n");

        image.Config.Created.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var store = Oci.Store.OciLayoutStore.OpenExisting(harness.StorePath);
        await using var blob = await store.OpenReadAsync(image.Manifest.Layers[0].Digest, CancellationToken.None);
        await using var tar = new GZipStream(blob, CompressionMode.Decompress);
        await using var reader = new TarReader(tar);
        while (await reader.GetNextEntryAsync(cancellationToken: TestContext.Current.CancellationToken) is { } entry)
        {
            entry.ModificationTime.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        }
    }

    [Fact]
    public async Task Zstd_compression_gives_zstd_layers()
    {
        using var harness = new AssemblyHarness { Options = AssemblerOptions.Default with { Compression = LayerCompression.Zstd } };
        harness.Write("bin/app", "x");

        var image = await harness.AssembleAsync("FROM scratch\nCOPY bin/app /cyberapp/\n");

        image.Manifest.Layers[0].MediaType.ShouldBe("application/vnd.oci.image.layer.v1.tar+zstd");
        (await harness.LayerListingAsync(image.Manifest.Layers[0])).ShouldContain("cyberapp/app 644 0:0 1");
    }

    [Fact]
    public async Task Workdir_makes_its_folder_once_and_not_again_in_a_child_of_an_image_that_has_it()
    {
        using var harness = new AssemblyHarness();
        var parent = await harness.AssembleAsync("FROM scratch\nWORKDIR /cyberdata\nWORKDIR /cyberdata\n", name: "cybernode/base:latest");

        var child = await harness.AssembleAsync("FROM cybernode/base\nWORKDIR /cyberdata\n");

        parent.Manifest.Layers.Count.ShouldBe(1);
        (await harness.LayerListingAsync(parent.Manifest.Layers[0])).ShouldBe(["cyberdata/ 755 0:0 0"]);
        child.Manifest.Layers.ShouldBe(parent.Manifest.Layers);
    }

    [Theory]
    [InlineData("app", "1001:1002")]
    [InlineData("app:staff", "1001:50")]
    [InlineData("1005:staff", "1005:50")]
    [InlineData("7", "7:7")]
    public async Task Chown_names_are_looked_up_in_the_image_s_own_passwd_and_group(string owner, string expected)
    {
        using var harness = new AssemblyHarness();
        harness.Write("etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1001:1002::/home/app:/bin/sh\n");
        harness.Write("etc/group", "root:x:0:\nstaff:x:50:app\n");
        await harness.AssembleAsync("FROM scratch\nCOPY etc /etc/\n", name: "cybernode/base:latest");
        harness.Write("a", "a");

        var image = await harness.AssembleAsync($"FROM cybernode/base\nCOPY --chown={owner} a /x\n");

        (await harness.LayerListingAsync(image.Manifest.Layers[1])).ShouldBe([$"x 644 {expected} 1"]);
    }

    [Fact]
    public async Task Chown_names_without_a_passwd_file_say_to_use_numbers()
    {
        using var harness = new AssemblyHarness();
        harness.Write("a", "a");

        var error = await Should.ThrowAsync<UserError>(() => harness.AssembleAsync("FROM scratch\nCOPY --chown=app a /x\n"));

        error.Line.ShouldBe(2);
        error.Message.ShouldContain("/etc/passwd");
        error.Hint!.ShouldContain("numeric");
    }
}
