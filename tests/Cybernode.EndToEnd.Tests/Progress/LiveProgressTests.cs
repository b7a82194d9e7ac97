using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Steps;
using Cybernode.Cli.Output.Progress;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Cybernode.EndToEnd.Tests.Progress;

/// <summary>The live view on a test console: its lines while services run, the counter, the failure, the final table.</summary>
public sealed class LiveProgressTests
{
    [Fact]
    public void The_live_region_has_the_counter_then_one_line_per_running_service_with_its_step_elapsed_time_and_bytes()
    {
        var board = Feed(BuildEventSamples.Build().Take(7));
        var console = new TestConsole().Width(100);

        console.Write(board.View(BuildEventSamples.Start.AddSeconds(3)));

        console.Lines.Count.ShouldBe(3, console.Output);
        console.Lines[0].ShouldStartWith("0/2 services · 0/4 steps · 3.0s");
        console.Lines[1].TrimEnd().ShouldBe("  api     running 01build.sh  3.0s  2.0 KiB");
        console.Lines[2].TrimEnd().ShouldBe("  broken  waiting for another build of broken  2.5s");
    }

    [Fact]
    public void A_finished_service_leaves_the_live_region_and_counts_on_the_counter()
    {
        var board = Feed(BuildEventSamples.Build().Take(11));
        var console = new TestConsole().Width(100);

        console.Write(board.View(BuildEventSamples.Start.AddSeconds(2)));

        console.Lines.Count.ShouldBe(2, console.Output);
        console.Lines[0].ShouldStartWith("1/2 services · 2/4 steps");
        console.Lines[1].TrimEnd().ShouldBe("  api  assembling the run image  2.0s");
    }

    [Fact]
    public void On_a_narrow_terminal_each_line_is_cut_to_its_width_never_wrapped()
    {
        var board = Feed(BuildEventSamples.Build().Take(7));
        var console = new TestConsole().Width(20);

        console.Write(board.View(BuildEventSamples.Start.AddSeconds(3)));

        console.Lines.Count.ShouldBe(3, console.Output);
        console.Lines.ShouldAllBe(l => l.TrimEnd().Length <= 20);
        console.Lines[1].TrimEnd().ShouldBe("  api     running 0…");
    }

    [Fact]
    public void A_service_name_or_title_with_escape_codes_cannot_move_the_cursor()
    {
        var board = Feed([new StepStarted(new StepId("evil", StepKind.HostScript), "step \u001b[2J\u001b[H cleared") { Time = BuildEventSamples.Start }]);
        var console = new TestConsole().Width(100).EmitAnsiSequences();

        console.Write(board.View(BuildEventSamples.Start));

        console.Output.ShouldNotContain("\u001b[2J");
        console.Output.ShouldContain("\\x1B[2J");
    }

    [Fact]
    public async Task Without_escape_codes_the_failure_is_printed_with_its_last_lines_and_log_then_a_table_of_every_service()
    {
        var console = new TestConsole().Width(120).Colors(ColorSystem.NoColors);

        await using (var view = new LiveProgress(console, TimeSpan.FromMilliseconds(10), TimeProvider.System))
        {
            foreach (var buildEvent in BuildEventSamples.Build())
            {
                view.Report(buildEvent);
            }
        }

        var output = console.Output;
        output.ShouldNotContain("\u001b");
        output.ShouldNotContain("compiling api", customMessage: "a step's own output is in its log, not on the live view");
        output.ShouldContain("[broken] FAILED");
        output.ShouldContain("  boom");
        output.ShouldContain("broken.build.log");
        var table = console.Lines.SkipWhile(l => !l.Contains("SERVICE", StringComparison.Ordinal)).ToList();
        table[0].ShouldMatch(@"SERVICE\s*│\s*STATUS\s*│\s*IMAGE\s*│\s*DIGEST\s*│\s*SIZE\s*│\s*TIME");
        table.ShouldContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"api\s*│\s*built\s*│\s*cybernode/api:latest\s*│\s*sha256:aaaaaaaaaaaa\s*│\s*3\.0 MiB\s*│\s*2\.5s"));
        table.ShouldContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"broken\s*│\s*failed\s*│\s*cybernode/broken:latest\s*│\s*-\s*│\s*-\s*│\s*1\.0s"));
        table.ShouldContain(l => l.Contains("wall time 2.6s", StringComparison.Ordinal));
        output.IndexOf("[broken] FAILED", StringComparison.Ordinal).ShouldBeLessThan(output.IndexOf("SERVICE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_a_terminal_the_live_lines_are_drawn_while_the_build_runs_and_give_way_to_the_table()
    {
        var console = new TestConsole().Width(100).Colors(ColorSystem.Standard).SupportsAnsi(true).EmitAnsiSequences();
        var events = BuildEventSamples.Build();

        string duringBuild;
        await using (var view = new LiveProgress(console, TimeSpan.FromMilliseconds(10), TimeProvider.System))
        {
            events.Take(7).ToList().ForEach(view.Report);
            duringBuild = await OutputOnceItHasAsync(console, "running 01build.sh");
            events.Skip(7).ToList().ForEach(view.Report);
        }

        duringBuild.ShouldContain("0/2 services");
        var final = console.Output[duringBuild.Length..];
        final.ShouldContain("[broken] FAILED");
        final.ShouldContain("wall time 2.6s");
        final.ShouldContain("\u001b[32mbuilt", customMessage: "built is green"); // Standard colours: green is 32
    }

    [Fact]
    public async Task Under_no_color_the_terminal_gets_no_colours()
    {
        var console = new TestConsole().Width(100).Colors(ColorSystem.NoColors).SupportsAnsi(true).EmitAnsiSequences();

        await using (var view = new LiveProgress(console, TimeSpan.FromMilliseconds(10), TimeProvider.System))
        {
            BuildEventSamples.Build().ToList().ForEach(view.Report);
        }

        console.Output.ShouldContain("wall time 2.6s");
        console.Output.ShouldNotMatch(AnsiCodes.Colour);
        console.Output.ShouldContain("\u001b[", customMessage: "the live region still moves the cursor");
    }

    [Fact]
    public void No_color_set_and_not_empty_takes_the_colours_away_as_no_color_org_asks()
    {
        using var writer = new StringWriter();

        ProgressConsole.Create(writer, "1").Profile.Capabilities.ColorSystem.ShouldBe(ColorSystem.NoColors);
    }

    [Theory]
    [InlineData(ProgressMode.Auto, true, "xterm-256color", ProgressMode.Tty)]
    [InlineData(ProgressMode.Auto, true, "dumb", ProgressMode.Auto)]
    [InlineData(ProgressMode.Auto, true, null, ProgressMode.Auto)]
    [InlineData(ProgressMode.Auto, false, "xterm", ProgressMode.Auto)]
    [InlineData(ProgressMode.Plain, true, "xterm", ProgressMode.Plain)]
    [InlineData(ProgressMode.Tty, false, "dumb", ProgressMode.Tty)]
    public void Auto_is_the_live_view_only_on_a_terminal_that_is_not_dumb(ProgressMode requested, bool terminal, string? term, ProgressMode expected) =>
        ProgressTerminal.Resolve(requested, terminal, term).ShouldBe(expected);

    private static LiveBoard Feed(IEnumerable<BuildEvent> events)
    {
        var board = new LiveBoard();
        foreach (var buildEvent in events)
        {
            board.Apply(buildEvent);
        }

        return board;
    }

    private static async Task<string> OutputOnceItHasAsync(TestConsole console, string text)
    {
        for (var waited = 0; waited < 100 && !console.Output.Contains(text, StringComparison.Ordinal); waited++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return console.Output;
    }
}
