using Cybernode.Providers.Selection;

namespace Cybernode.Providers.Tests.Selection;

public sealed class ProviderSelectorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Auto_picks_the_first_usable_provider_in_order_and_probes_no_further()
    {
        var docker = new ProbedOnlyProvider("docker", usable: false);
        var podman = new ProbedOnlyProvider("podman", usable: true);
        var buildah = new ProbedOnlyProvider("buildah", usable: true);

        var chosen = await new ProviderSelector([docker, podman, buildah]).SelectAsync("auto", Token);

        chosen.ShouldBeSameAs(podman);
        buildah.Probes.ShouldBe(0);
    }

    [Fact]
    public async Task Auto_with_nothing_usable_gives_every_reason_and_the_first_hint()
    {
        var selector = new ProviderSelector([new ProbedOnlyProvider("docker", false), new ProbedOnlyProvider("podman", false)]);

        var error = await Should.ThrowAsync<ProviderException>(() => selector.SelectAsync("auto", Token));

        error.Message.ShouldBe("no container engine is usable: docker is not installed; podman is not installed");
        error.Hint.ShouldBe("apt-get install docker");
    }

    [Fact]
    public async Task A_named_provider_is_chosen_even_when_an_earlier_one_works()
    {
        var buildah = new ProbedOnlyProvider("buildah", true);

        var chosen = await new ProviderSelector([new ProbedOnlyProvider("docker", true), buildah]).SelectAsync("buildah", Token);

        chosen.ShouldBeSameAs(buildah);
    }

    [Fact]
    public async Task A_named_provider_that_is_not_usable_says_why_and_what_to_do()
    {
        var selector = new ProviderSelector([new ProbedOnlyProvider("docker", true), new ProbedOnlyProvider("podman", false)]);

        var error = await Should.ThrowAsync<ProviderException>(() => selector.SelectAsync("podman", Token));

        error.Message.ShouldBe("podman is not installed");
        error.Hint.ShouldBe("apt-get install podman");
    }

    [Fact]
    public async Task An_unknown_provider_name_lists_the_choices()
    {
        var selector = new ProviderSelector([new ProbedOnlyProvider("docker", true), new ProbedOnlyProvider("podman", true)]);

        var error = await Should.ThrowAsync<ProviderException>(() => selector.SelectAsync("containerd", Token));

        error.Message.ShouldBe("unknown provider 'containerd'");
        error.Hint.ShouldBe("use one of auto, docker, podman");
    }

    [Fact]
    public void The_default_providers_come_in_the_default_order_and_follow_a_given_one()
    {
        ContainerProviders.Create(new ProviderSettings()).Select(p => p.Name).ShouldBe(["docker", "podman", "buildah"]);
        ContainerProviders.Create(new ProviderSettings { Order = ["buildah", "docker"] }).Select(p => p.Name).ShouldBe(["buildah", "docker"]);
        Should.Throw<ProviderException>(() => ContainerProviders.Create(new ProviderSettings { Order = ["rkt"] })).Message.ShouldContain("rkt");
    }

    [Fact]
    public async Task Doctor_probes_every_provider_and_keeps_their_order()
    {
        // Engines that answer are also made to start a container: the CLI tests check that on real engines.
        var doctor = new Doctor([new ProbedOnlyProvider("docker", false), new ProbedOnlyProvider("podman", false), new ProbedOnlyProvider("buildah", false)]);

        var statuses = await doctor.CheckAsync(Token);

        statuses.Select(s => (s.Name, s.Usable)).ShouldBe([("docker", false), ("podman", false), ("buildah", false)]);
        statuses[0].Hint.ShouldBe("apt-get install docker");
    }
}
