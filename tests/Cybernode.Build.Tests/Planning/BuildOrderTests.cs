using Cybernode.Build.Planning;

namespace Cybernode.Build.Tests.Planning;

public class BuildOrderTests
{
    private static readonly string[] Services = ["app", "base", "tool", "web"];

    [Fact]
    public void Dependencies_come_before_the_services_that_need_them()
    {
        var dependencies = new[]
        {
            new ServiceDependency("app", "base", "app/Dockerfile", 1),
            new ServiceDependency("web", "app", "web/Dockerfile", 1),
        };

        BuildOrder.Resolve(Services, dependencies, Services).ShouldBe(["base", "app", "tool", "web"]);
    }

    [Fact]
    public void Asking_for_one_service_brings_what_it_needs_and_nothing_else()
    {
        var dependencies = new[] { new ServiceDependency("web", "base", "web/Dockerfile", 3) };

        BuildOrder.Resolve(Services, dependencies, ["web"]).ShouldBe(["base", "web"]);
    }

    [Fact]
    public void A_cycle_is_refused_naming_the_services_file_and_line()
    {
        var dependencies = new[]
        {
            new ServiceDependency("app", "web", "app/Dockerfile", 1),
            new ServiceDependency("web", "tool", "web/Dockerfile", 2),
            new ServiceDependency("tool", "app", "tool/Dockerfile", 5),
        };

        var error = Should.Throw<UserError>(() => BuildOrder.Resolve(Services, dependencies, Services));

        error.Message.ShouldContain("app -> web -> tool -> app");
        error.File.ShouldBe("tool/Dockerfile");
        error.Line.ShouldBe(5);
    }
}
