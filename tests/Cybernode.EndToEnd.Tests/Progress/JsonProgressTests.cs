using System.Text.Json;
using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Steps;
using Cybernode.Cli.Output.Progress;

namespace Cybernode.EndToEnd.Tests.Progress;

/// <summary>--progress json read back as a consumer would: one object per line, each with its type and fields.</summary>
public sealed class JsonProgressTests
{
    [Fact]
    public void Every_event_is_one_line_that_parses_with_its_type_service_step_and_time()
    {
        var lines = Render(BuildEventSamples.Build());

        lines.Count.ShouldBe(BuildEventSamples.Build().Count);
        var parsed = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        parsed.Select(p => p.GetProperty("type").GetString()).ShouldBe([
            "build-started", "step-started", "step-started", "step-output", "step-output", "step-progressed", "service-notice",
            "step-finished", "step-started", "step-finished", "service-finished", "step-finished", "service-finished", "build-finished",
        ]);
        parsed.ShouldAllBe(p => p.GetProperty("time").GetDateTimeOffset() >= BuildEventSamples.Start);
        parsed[1].GetProperty("service").GetString().ShouldBe("api");
        parsed[1].GetProperty("step").GetString().ShouldBe("host-script");
        parsed[1].GetProperty("title").GetString().ShouldBe("running 01build.sh");
        parsed[8].GetProperty("step").GetString().ShouldBe("run-image");
    }

    [Fact]
    public void The_events_fields_are_there_and_fields_that_do_not_apply_are_absent()
    {
        var parsed = Render(BuildEventSamples.Build()).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        parsed[0].GetProperty("services").EnumerateArray().Select(s => s.GetString()).ShouldBe(["api", "broken"]);
        parsed[0].GetProperty("steps").GetInt32().ShouldBe(4);
        parsed[4].GetProperty("origin").GetString().ShouldBe("engine");
        parsed[4].GetProperty("line").GetString().ShouldBe("Copying blob 1234");
        parsed[5].GetProperty("bytes").GetInt64().ShouldBe(2048);
        parsed[7].GetProperty("status").GetString().ShouldBe("done");
        parsed[7].GetProperty("reason").GetString().ShouldBe("no cache entry");
        parsed[7].GetProperty("seconds").GetDouble().ShouldBe(1.5);
        parsed[7].TryGetProperty("error", out _).ShouldBeFalse();
        var failed = parsed[10];
        failed.GetProperty("status").GetString().ShouldBe("failed");
        failed.GetProperty("error").GetString()!.ShouldContain("boom");
        failed.GetProperty("error").GetString()!.ShouldContain("broken.build.log");
        var built = parsed[12];
        built.GetProperty("digest").GetString().ShouldBe(BuildEventSamples.ApiDigest.ToString());
        built.GetProperty("size").GetInt64().ShouldBe(3 * 1024 * 1024);
        built.GetProperty("image").GetString().ShouldBe("cybernode/api:latest");
        var end = parsed[^1];
        end.GetProperty("seconds").GetDouble().ShouldBe(2.6);
        end.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ShouldBe(["built", "failed"]);
    }

    [Fact]
    public void A_line_holding_newlines_and_escape_codes_stays_one_line_and_reads_back_unchanged()
    {
        const string Hostile = "first\nsecond\r\u001b[2J\u001b]0;title\u0007 ünïcode \"quoted\"";

        var lines = Render([new StepOutput(BuildEventSamples.ApiScript, Hostile, OutputOrigin.Step)]);

        lines.Count.ShouldBe(1);
        lines[0].ShouldNotContain("\u001b");
        lines[0].ShouldContain("ünïcode");
        JsonDocument.Parse(lines[0]).RootElement.GetProperty("line").GetString().ShouldBe(Hostile);
    }

    [Fact]
    public void A_skipped_step_names_the_step_that_blocked_it()
    {
        var skipped = new StepFinished(new StepId("web", StepKind.HostScript), new StepOutcome(StepStatus.Skipped) { BlockedBy = BuildEventSamples.BrokenScript }, TimeSpan.Zero);

        var line = JsonDocument.Parse(Render([skipped]).Single()).RootElement;

        line.GetProperty("status").GetString().ShouldBe("skipped");
        line.GetProperty("blockedBy").GetProperty("service").GetString().ShouldBe("broken");
        line.GetProperty("blockedBy").GetProperty("step").GetString().ShouldBe("host-script");
    }

    private static List<string> Render(IEnumerable<BuildEvent> events)
    {
        using var output = new StringWriter { NewLine = "\n" };
        var view = new JsonProgress(output);
        foreach (var buildEvent in events)
        {
            view.Report(buildEvent);
        }

        return [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
