using Cybernode.Build.Reporting;
using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Steps;
using Cybernode.Oci.Model;

namespace Cybernode.EndToEnd.Tests.Progress;

/// <summary>The events of a small build, as the step graph reports them: one service built, one failed.</summary>
public static class BuildEventSamples
{
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 21, 0, 0, TimeSpan.Zero);

    public static readonly Digest ApiDigest = Digest.Parse("sha256:" + new string('a', 64));

    public static ServiceResult Api => new("api", "cybernode/api:latest", ServiceStatus.Built, ApiDigest, Duration: TimeSpan.FromSeconds(2.5)) { Size = 3 * 1024 * 1024 };

    public static ServiceResult Broken => new("broken", "cybernode/broken:latest", ServiceStatus.Failed,
        Error: "broken/01build.sh: 01build.sh failed with exit code 3; its last lines:\n  compiling\n  boom\n  hint: the whole output is in /ws/.cybernode/logs/broken.build.log",
        Duration: TimeSpan.FromSeconds(1));

    public static StepId ApiScript => new("api", StepKind.HostScript);

    public static StepId BrokenScript => new("broken", StepKind.HostScript);

    public static IReadOnlyList<BuildEvent> Build() =>
    [
        new BuildStarted(["api", "broken"], 4) { Time = Start },
        new StepStarted(ApiScript, "running 01build.sh") { Time = Start },
        new StepStarted(BrokenScript, "running 01build.sh") { Time = Start.AddSeconds(0.5) },
        new StepOutput(ApiScript, "compiling api", OutputOrigin.Step) { Time = Start.AddSeconds(1) },
        new StepOutput(BrokenScript, "Copying blob 1234", OutputOrigin.Engine) { Time = Start.AddSeconds(1) },
        new StepProgressed(ApiScript, 2048) { Time = Start.AddSeconds(1) },
        new ServiceNotice("broken", "waiting for another build of broken") { Time = Start.AddSeconds(1.2) },
        new StepFinished(ApiScript, new StepOutcome(StepStatus.Done, "no cache entry"), TimeSpan.FromSeconds(1.5)) { Time = Start.AddSeconds(1.5) },
        new StepStarted(new StepId("api", StepKind.RunImage), "assembling the run image") { Time = Start.AddSeconds(1.5) },
        new StepFinished(BrokenScript, new StepOutcome(StepStatus.Failed, Error: "exit code 3"), TimeSpan.FromSeconds(1)) { Time = Start.AddSeconds(1.5) },
        new ServiceFinished(Broken) { Time = Start.AddSeconds(1.5) },
        new StepFinished(new StepId("api", StepKind.RunImage), new StepOutcome(StepStatus.Done), TimeSpan.FromSeconds(1)) { Time = Start.AddSeconds(2.5) },
        new ServiceFinished(Api) { Time = Start.AddSeconds(2.5) },
        new BuildFinished([Api, Broken], TimeSpan.FromSeconds(2.6)) { Time = Start.AddSeconds(2.6) },
    ];
}
