using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Steps;
using Cybernode.Build.Tests.Fixtures;

namespace Cybernode.Build.Tests.Steps;

public class StepSchedulerTests
{
    private readonly Concurrency _concurrency = new();
    private readonly RecordedEvents _events = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private GatedStep Step(string name, params string[] needs) => new(name, _concurrency, needs);

    private Task<IReadOnlyDictionary<StepId, StepOutcome>> RunAsync(IEnumerable<IStep> steps, int jobs, CancellationToken cancellationToken)
    {
        var limit = new JobLimit(jobs);
        var graph = new StepGraph(steps, [new StepRecorder(), limit]);
        var scheduler = new StepScheduler(_events, id => new StepContext(id, _events, "log"));
        return RunAndDisposeAsync(scheduler, graph, limit, cancellationToken);
    }

    private static async Task<IReadOnlyDictionary<StepId, StepOutcome>> RunAndDisposeAsync(StepScheduler scheduler, StepGraph graph, JobLimit limit, CancellationToken cancellationToken)
    {
        using (limit)
        {
            return await scheduler.RunAsync(graph, cancellationToken);
        }
    }

    [Fact]
    public async Task A_step_starts_only_when_what_it_needs_is_done()
    {
        var a = Step("a");
        var b = Step("b", "a");
        var run = RunAsync([b, a], jobs: 4, Token);

        await a.Started;
        b.HasStarted.ShouldBeFalse();
        a.Finish();
        await b.Started;
        b.Finish();

        var outcomes = await run;
        outcomes[b.Id].Status.ShouldBe(StepStatus.Done);
        var started = _events.All.OfType<StepStarted>().Select(e => e.Step.Service).ToList();
        started.ShouldBe(["a", "b"]);
    }

    [Fact]
    public async Task Independent_steps_overlap()
    {
        var a = Step("a");
        var b = Step("b");
        var run = RunAsync([a, b], jobs: 2, Token);

        // Each waits for the other to have started: only a scheduler that runs both at once gets here.
        await Task.WhenAll(a.Started, b.Started);
        a.Finish();
        b.Finish();

        await run;
        _concurrency.Most.ShouldBe(2);
    }

    [Fact]
    public async Task No_more_steps_run_at_once_than_jobs_allow()
    {
        var steps = Enumerable.Range(0, 6).Select(i => Step($"s{i}")).ToList();
        var run = RunAsync(steps, jobs: 2, Token);

        var finished = new List<GatedStep>();
        while (finished.Count < steps.Count)
        {
            var next = steps.Except(finished).Take(2).ToList();
            await Task.WhenAll(next.Select(s => s.Started));
            steps.Except(finished).Except(next).ShouldAllBe(s => !s.HasStarted);
            next[0].Finish();
            finished.Add(next[0]);
        }

        (await run).Values.ShouldAllBe(o => o.Status == StepStatus.Done);
        _concurrency.Most.ShouldBe(2);
    }

    [Fact]
    public async Task A_failure_skips_what_needs_it_naming_it_and_the_rest_goes_on()
    {
        var broken = Step("broken");
        var child = Step("child", "broken");
        var grandchild = Step("grandchild", "child");
        var other = Step("other");
        var run = RunAsync([broken, child, grandchild, other], jobs: 2, Token);

        await Task.WhenAll(broken.Started, other.Started);
        broken.Finish(StepStatus.Failed);
        other.Finish();
        var outcomes = await run;

        outcomes[broken.Id].Status.ShouldBe(StepStatus.Failed);
        outcomes[child.Id].Status.ShouldBe(StepStatus.Skipped);
        outcomes[child.Id].Reason.ShouldBe("it needs broken/HostScript, which failed");
        outcomes[child.Id].BlockedBy.ShouldBe(broken.Id);
        outcomes[grandchild.Id].Reason.ShouldBe("it needs child/HostScript, which was skipped");
        outcomes[other.Id].Status.ShouldBe(StepStatus.Done);
        child.HasStarted.ShouldBeFalse();
        grandchild.HasStarted.ShouldBeFalse();

        // Every step, run or skipped, is reported finished once.
        _events.All.OfType<StepFinished>().Select(e => e.Step.Service).ShouldBe(["broken", "child", "grandchild", "other"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_step_that_throws_a_user_error_fails_with_its_message()
    {
        var broken = Step("broken");
        var child = Step("child", "broken");
        var run = RunAsync([broken, child], jobs: 1, Token);

        await broken.Started;
        broken.Throw(new UserError("no such file", "/ws/svc/Dockerfile", 3));
        var outcomes = await run;

        outcomes[broken.Id].Status.ShouldBe(StepStatus.Failed);
        outcomes[broken.Id].Error.ShouldBe("/ws/svc/Dockerfile:3: no such file");
        outcomes[child.Id].Status.ShouldBe(StepStatus.Skipped);
    }

    [Fact]
    public async Task Cancelling_stops_the_running_steps_and_starts_no_other()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var running = Step("running");
        var waiting = Step("waiting", "running");
        var queued = Step("queued");
        var run = RunAsync([running, waiting, queued], jobs: 1, cancel.Token);

        await running.Started;
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(run);
        waiting.HasStarted.ShouldBeFalse();
        queued.HasStarted.ShouldBeFalse();
        _events.All.OfType<StepStarted>().Select(e => e.Step.Service).ShouldBe(["running"]);
    }

    [Fact]
    public void A_cycle_of_needs_is_refused()
    {
        var error = Should.Throw<ArgumentException>(() => new StepGraph([Step("a", "c"), Step("b", "a"), Step("c", "b")], []));

        error.Message.ShouldContain("a/HostScript -> c/HostScript -> b/HostScript -> a/HostScript");
    }

    [Fact]
    public void A_need_the_graph_does_not_hold_is_refused()
    {
        var error = Should.Throw<ArgumentException>(() => new StepGraph([Step("a", "ghost")], []));

        error.Message.ShouldContain("a/HostScript needs ghost/HostScript");
    }

    [Fact]
    public async Task Wrappers_apply_in_the_order_the_graph_gets_them_first_innermost()
    {
        var order = new List<string>();
        var a = Step("a");
        var graph = new StepGraph([a], [new Marking("inner", order), new Marking("outer", order)]);
        var run = new StepScheduler(_events, id => new StepContext(id, _events, "log")).RunAsync(graph, Token);

        await a.Started;
        a.Finish();
        await run;

        order.ShouldBe(["outer", "inner"]);
    }

    private sealed class Marking(string name, List<string> order) : IStepWrapper
    {
        public IStep Wrap(IStep step) => new Marked(step, name, order);

        private sealed class Marked(IStep inner, string name, List<string> order) : WrappedStep(inner)
        {
            public override Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
            {
                order.Add(name);
                return Inner.RunAsync(context, cancellationToken);
            }
        }
    }
}
