using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Steps;
using Cybernode.Cli.Output.Progress;

namespace Cybernode.EndToEnd.Tests.Progress;

/// <summary>The line stream CI logs read, byte for byte, at each level of detail.</summary>
public sealed class PlainProgressTests
{
    private const string Failure =
        "[broken] FAILED\nbroken/01build.sh: 01build.sh failed with exit code 3; its last lines:\n  compiling\n  boom\n  hint: the whole output is in /ws/.cybernode/logs/broken.build.log\n";

    [Fact]
    public async Task Plain_prints_every_line_prefixed_by_its_service_engine_messages_included_and_the_failure_on_stderr()
    {
        var (output, errors) = await RenderAsync(PlainDetail.Everything);

        output.ShouldBe(
            "[api] running 01build.sh\n" +
            "[broken] running 01build.sh\n" +
            "[api] compiling api\n" +
            "[broken] Copying blob 1234\n" +
            "[broken] waiting for another build of broken\n" +
            "[api] assembling the run image\n" +
            $"[api] built cybernode/api:latest {BuildEventSamples.ApiDigest} in 2.5s\n");
        errors.ShouldBe(Failure);
    }

    [Fact]
    public async Task Auto_off_a_terminal_keeps_the_engines_own_messages_in_the_log()
    {
        var (output, errors) = await RenderAsync(PlainDetail.Steps);

        output.ShouldNotContain("Copying blob");
        output.ShouldContain("[api] compiling api\n");
        errors.ShouldBe(Failure);
    }

    [Fact]
    public async Task Quiet_prints_the_failure_only()
    {
        var (output, errors) = await RenderAsync(PlainDetail.Failures);

        output.ShouldBeEmpty();
        errors.ShouldBe(Failure);
    }

    [Fact]
    public async Task Loading_into_the_engine_and_tagging_start_quietly_as_they_always_have()
    {
        var (output, _) = await RenderAsync(PlainDetail.Everything, [
            new StepStarted(new StepId("api", StepKind.EngineLoad), "loading into podman"),
            new StepStarted(new StepId("api", StepKind.Tag), "tagging"),
        ]);

        output.ShouldBeEmpty();
    }

    private static async Task<(string Output, string Errors)> RenderAsync(PlainDetail detail, IEnumerable<BuildEvent>? events = null)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var errors = new StringWriter { NewLine = "\n" };
        await using (var view = new PlainProgress(output, errors, detail))
        {
            foreach (var buildEvent in events ?? BuildEventSamples.Build())
            {
                view.Report(buildEvent);
            }
        }

        return (output.ToString(), errors.ToString());
    }
}
