using Cybernode.Providers.Buildah;
using Cybernode.Providers.Docker;
using Cybernode.Providers.Planning;
using Cybernode.Providers.Podman;

namespace Cybernode.Providers.Tests.Planning;

public sealed class EngineCommandPlanTests
{
    private const string Workspace = "/work/space";

    private static readonly PlannedService Hello = new("hello", "/work/space/hello", "cybernode/build-hello:latest", "cybernode/hello:latest", HasBuildDockerfile: true)
    {
        Store = "/work/space/.cybernode/store",
        ScratchFolder = "/work/space/.cybernode/tmp",
    };

    /// <summary>The engine-built run image copied into cybernode's store, as the build copies it.</summary>
    private static string[] CopiedToStore(string engine, string save, string format) =>
    [
        "mkdir -p /work/space/.cybernode/tmp",
        save,
        $"cybernode import {format}:/work/space/.cybernode/tmp/{engine}-image.tar cybernode/hello:latest --store /work/space/.cybernode/store",
        $"rm -f /work/space/.cybernode/tmp/{engine}-image.tar",
    ];

    private static string[] DockerCopiedToStore => CopiedToStore("docker", "docker save --output /work/space/.cybernode/tmp/docker-image.tar cybernode/hello:latest", "docker-archive");

    private static string[] PodmanCopiedToStore =>
        CopiedToStore("podman", "podman save --format oci-archive --output /work/space/.cybernode/tmp/podman-image.tar cybernode/hello:latest", "oci-archive");

    [Fact]
    public void Docker_plan_builds_the_build_image_empties_bin_runs_it_at_build_and_builds_the_run_image()
    {
        var plan = EngineCommandPlan.For(new DockerProvider(new DockerOptions { RelabelMounts = false }), Hello, Workspace);

        plan.Select(c => c.ShellText).ShouldBe(
        [
            "docker build --tag cybernode/build-hello:latest --file hello/Dockerfile-build hello",
            "rm -rf /work/space/hello/bin",
            "mkdir -p /work/space/hello/bin",
            "docker run --rm --name cybernode-build-hello --volume /work/space/hello/bin:/build cybernode/build-hello:latest",
            "docker build --tag cybernode/hello:latest hello",
            .. DockerCopiedToStore,
        ]);
    }

    [Fact]
    public void Mounts_get_z_where_SELinux_enforces()
    {
        var plan = EngineCommandPlan.For(new DockerProvider(new DockerOptions { RelabelMounts = true }), Hello, Workspace);

        plan[3].Arguments.ShouldContain("/work/space/hello/bin:/build:z");
    }

    [Fact]
    public void Podman_plan_carries_its_storage_options()
    {
        var podman = new PodmanProvider(new ContainersToolOptions { Root = "/var/tmp/r", RunRoot = "/run/r", RelabelMounts = false });

        var plan = EngineCommandPlan.For(podman, Hello, Workspace);

        plan[0].ShellText.ShouldBe("podman --root /var/tmp/r --runroot /run/r build --tag cybernode/build-hello:latest --file hello/Dockerfile-build hello");
        plan[3].ShellText.ShouldBe("podman --root /var/tmp/r --runroot /run/r run --rm --name cybernode-build-hello --volume /work/space/hello/bin:/build cybernode/build-hello:latest");
    }

    [Fact]
    public void Buildah_plan_runs_the_build_command_in_a_working_container_and_removes_it()
    {
        var buildah = new BuildahProvider(new ContainersToolOptions { RelabelMounts = false });
        var service = Hello with { BuildCommand = ["/bin/sh", "-c", "cp -v /out/* /build"] };

        var plan = EngineCommandPlan.For(buildah, service, Workspace).Select(c => c.ShellText).ToList();

        plan.ShouldBe(
        [
            "buildah bud --layers --tag cybernode/build-hello:latest --file hello/Dockerfile-build hello",
            "rm -rf /work/space/hello/bin",
            "mkdir -p /work/space/hello/bin",
            "buildah from --pull=never --name cybernode-build-hello cybernode/build-hello:latest",
            "buildah config --volume /build- cybernode-build-hello",
            "buildah run --volume /work/space/hello/bin:/build cybernode-build-hello -- /bin/sh -c 'cp -v /out/* /build'",
            "buildah rm cybernode-build-hello",
            "buildah bud --layers --tag cybernode/hello:latest hello",
            .. CopiedToStore("buildah", "buildah push cybernode/hello:latest oci-archive:/work/space/.cybernode/tmp/buildah-image.tar:cybernode/hello:latest", "oci-archive"),
        ]);
    }

    [Fact]
    public void Buildah_plan_without_a_known_command_says_where_to_find_it()
    {
        var plan = EngineCommandPlan.For(new BuildahProvider(new ContainersToolOptions { RelabelMounts = false }), Hello, Workspace);

        plan[5].ShellText.ShouldBe("buildah run --volume /work/space/hello/bin:/build cybernode-build-hello --  # then the image's entrypoint and CMD: buildah inspect --type image cybernode/build-hello:latest");
    }

    [Fact]
    public void A_service_without_a_build_dockerfile_only_builds_its_run_image_and_copies_it_into_the_store()
    {
        var plan = EngineCommandPlan.For(new DockerProvider(new DockerOptions()), Hello with { HasBuildDockerfile = false }, Workspace);

        plan.Select(c => c.ShellText).ShouldBe(["docker build --tag cybernode/hello:latest hello", .. DockerCopiedToStore]);
    }

    [Fact]
    public void Folders_outside_the_working_directory_and_paths_with_spaces_are_shown_absolute_and_quoted()
    {
        var service = new PlannedService("my-app", "/srv/my app", "ns/build-my-app:latest", "ns/my-app:latest", HasBuildDockerfile: true);

        var plan = EngineCommandPlan.For(new DockerProvider(new DockerOptions { RelabelMounts = false }), service, Workspace);

        plan[0].ShellText.ShouldBe("docker build --tag ns/build-my-app:latest --file '/srv/my app/Dockerfile-build' '/srv/my app'");
        plan[3].ShellText.ShouldBe("docker run --rm --name cybernode-build-my-app --volume '/srv/my app/bin:/build' ns/build-my-app:latest");
    }

    [Fact]
    public void Build_args_cache_volumes_and_environment_appear_in_a_stable_order()
    {
        var docker = new DockerProvider(new DockerOptions { RelabelMounts = false });
        var build = new BuildImageRequest("/w/x", "/w/x/Dockerfile", "x:latest")
        {
            BuildArgs = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["VERSION"] = "1.2", ["GOFLAGS"] = "-trimpath" },
        };
        var run = new RunBuildRequest("x", "build-x:latest", "/w/x/bin")
        {
            ContainerName = "cybernode-build-x-1",
            CacheVolumes = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["cybernode-go-cache"] = "/root/.cache/go-build" },
            Environment = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["CGO_ENABLED"] = "0" },
        };

        docker.PlanBuildImage(build).Single().ShellText.ShouldBe("docker build --tag x:latest --build-arg GOFLAGS=-trimpath --build-arg VERSION=1.2 /w/x");
        docker.PlanRunBuild(run).Single().ShellText.ShouldBe(
            "docker run --rm --name cybernode-build-x-1 --volume /w/x/bin:/build --volume cybernode-go-cache:/root/.cache/go-build --env CGO_ENABLED=0 build-x:latest");
    }

    [Fact]
    public void An_in_process_run_image_is_a_comment_then_each_extra_name_a_tag_and_docker_runs_the_image_as_it_is()
    {
        var service = Hello with
        {
            BuildCommand = ["/bin/sh", "-c", "cp -v /out/* /build"],
            CacheVolumes = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["cargo"] = "/root/.cargo" },
            RunImageInProcess = true,
            ExtraNames = ["cybernode/hello:v1"],
        };

        var plan = EngineCommandPlan.For(new DockerProvider(new DockerOptions { RelabelMounts = false }), service, Workspace).Select(c => c.ShellText).ToList();

        plan[3].ShouldBe("docker run --rm --name cybernode-build-hello --volume /work/space/hello/bin:/build --volume cargo:/root/.cargo cybernode/build-hello:latest");
        plan[4].ShouldBe("# cybernode/hello:latest assembled in-process from hello/Dockerfile, then loaded into docker");
        plan[5].ShouldBe("docker tag cybernode/hello:latest cybernode/hello:v1");
    }

    [Fact]
    public void A_service_built_on_the_host_runs_its_script_with_BUILD_DIR_in_its_folder()
    {
        var service = Hello with { HasBuildDockerfile = false, HasBuildScript = true };

        var plan = EngineCommandPlan.For(new PodmanProvider(new ContainersToolOptions { RelabelMounts = false }), service, Workspace).Select(c => c.ShellText).ToList();

        plan.ShouldBe(
        [
            "rm -rf /work/space/hello/bin",
            "mkdir -p /work/space/hello/bin",
            "env -C hello BUILD_DIR=/work/space/hello/bin /bin/sh 01build.sh  # on the host",
            "podman build --tag cybernode/hello:latest hello",
            .. PodmanCopiedToStore,
        ]);
    }

    [Fact]
    public void Store_bases_are_exported_and_loaded_into_the_engine_before_the_build_that_starts_FROM_them()
    {
        var service = Hello with { BuildBases = ["golang:1.8"], RunImageInProcess = true };

        var plan = EngineCommandPlan.For(new PodmanProvider(new ContainersToolOptions { RelabelMounts = false }), service, Workspace).Select(c => c.ShellText).ToList();

        plan[..5].ShouldBe(
        [
            "mkdir -p /work/space/.cybernode/tmp",
            "cybernode export golang:1.8 --store /work/space/.cybernode/store --format oci-archive -o /work/space/.cybernode/tmp/podman-image.tar"
                + "  # golang:1.8 is in cybernode's store: the build loads it into podman unless podman holds it already",
            "podman load --input /work/space/.cybernode/tmp/podman-image.tar",
            "rm -f /work/space/.cybernode/tmp/podman-image.tar",
            "podman build --tag cybernode/build-hello:latest --file hello/Dockerfile-build hello",
        ]);
        plan[^1].ShouldBe("# cybernode/hello:latest assembled in-process from hello/Dockerfile, then loaded into podman");
    }

    [Fact]
    public void Without_an_engine_a_host_built_service_is_assembled_and_tagged_in_the_store_alone()
    {
        var service = Hello with { HasBuildDockerfile = false, HasBuildScript = true, BuildScriptCommand = ["./01build.sh"], RunImageInProcess = true, ExtraNames = ["cybernode/hello:v1"] };

        var plan = EngineCommandPlan.For(null, service, Workspace).Select(c => c.ShellText).ToList();

        plan.ShouldBe(
        [
            "rm -rf /work/space/hello/bin",
            "mkdir -p /work/space/hello/bin",
            "env -C hello BUILD_DIR=/work/space/hello/bin ./01build.sh  # on the host",
            "# cybernode/hello:latest assembled in-process from hello/Dockerfile",
            "# cybernode/hello:latest also named cybernode/hello:v1 in cybernode's store",
        ]);
    }

    [Fact]
    public void Every_build_run_gets_its_own_container_name_from_the_service()
    {
        var first = new RunBuildRequest("btcd", "i", "/o").ContainerName;
        var second = new RunBuildRequest("btcd", "i", "/o").ContainerName;

        first.ShouldMatch("^cybernode-build-btcd-[0-9a-f]{8}$");
        second.ShouldNotBe(first);
    }

    [Fact]
    public void The_plan_shows_build_arg_values_for_both_images_of_a_service()
    {
        var service = Hello with { BuildArgs = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["VERSION"] = "1.2" } };

        var plan = EngineCommandPlan.For(new PodmanProvider(new ContainersToolOptions { RelabelMounts = false }), service, Workspace).Select(c => c.ShellText).ToList();

        plan[0].ShouldBe("podman build --tag cybernode/build-hello:latest --file hello/Dockerfile-build --build-arg VERSION=1.2 hello");
        plan[^5].ShouldBe("podman build --tag cybernode/hello:latest --build-arg VERSION=1.2 hello");
    }

    [Fact]
    public void Secrets_are_shown_by_id_and_source_no_cache_reaches_only_the_build_image_and_the_run_mounts_them_read_only()
    {
        var service = Hello with
        {
            Secrets = [new BuildSecret("token", "/keys/token", false), new BuildSecret("npm", "NPM_TOKEN", true)],
            NoCache = true,
        };

        var podman = EngineCommandPlan.For(new PodmanProvider(new ContainersToolOptions { RelabelMounts = false }), service, Workspace).Select(c => c.ShellText).ToList();
        var relabeled = EngineCommandPlan.For(new PodmanProvider(new ContainersToolOptions { RelabelMounts = true }), service, Workspace);

        podman[0].ShouldBe("podman build --tag cybernode/build-hello:latest --file hello/Dockerfile-build --secret id=token,src=/keys/token --secret id=npm,env=NPM_TOKEN --no-cache hello");
        podman[3].ShouldBe("podman run --rm --name cybernode-build-hello --volume /work/space/hello/bin:/build --volume SECRETS/npm:/run/secrets/npm:ro --volume SECRETS/token:/run/secrets/token:ro cybernode/build-hello:latest"
            + "  # SECRETS: a private folder (0700) made for this stage and removed after it, holding a 0400 copy of token (from /keys/token), npm (from $NPM_TOKEN)");
        podman[^5].ShouldBe("podman build --tag cybernode/hello:latest hello");
        relabeled[3].Arguments.ShouldContain("SECRETS/token:/run/secrets/token:ro,z");
    }

    [Fact]
    public void Docker_builds_with_secrets_through_BuildKit()
    {
        var service = Hello with { Secrets = [new BuildSecret("token", "/keys/token", false)] };

        var plan = EngineCommandPlan.For(new DockerProvider(new DockerOptions { RelabelMounts = false }), service, Workspace);

        plan[0].ShellText.ShouldBe("env DOCKER_BUILDKIT=1 docker build --tag cybernode/build-hello:latest --file hello/Dockerfile-build --secret id=token,src=/keys/token hello"
            + "  # with --network none on a daemon without a bridge network");
        plan[^5].ShellText.ShouldBe("docker build --tag cybernode/hello:latest hello");
    }

    [Fact]
    public void Buildah_mounts_secrets_in_its_build_run_and_01build_sh_gets_CYBERNODE_SECRETS()
    {
        var secrets = new BuildSecret[] { new("token", "/keys/token", false) };
        var buildah = new BuildahProvider(new ContainersToolOptions { RelabelMounts = false });

        var run = EngineCommandPlan.For(buildah, Hello with { Secrets = secrets, BuildCommand = ["make"] }, Workspace);
        var host = EngineCommandPlan.For(buildah, Hello with { Secrets = secrets, HasBuildDockerfile = false, HasBuildScript = true }, Workspace);

        run[5].Arguments.ShouldContain("SECRETS/token:/run/secrets/token:ro");
        host[2].ShellText.ShouldBe("env -C hello BUILD_DIR=/work/space/hello/bin CYBERNODE_SECRETS=SECRETS /bin/sh 01build.sh"
            + "  # on the host; SECRETS: a private folder (0700) made for this stage and removed after it, holding a 0400 copy of token (from /keys/token)");
    }
}
