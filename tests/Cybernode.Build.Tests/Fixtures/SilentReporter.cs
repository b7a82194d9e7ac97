using Cybernode.Build.Reporting;

namespace Cybernode.Build.Tests.Fixtures;

/// <summary>A build reporter that shows nothing, for tests that look only at the results.</summary>
public sealed class SilentReporter : IBuildReporter
{
    public void StageStarted(string service, string stage)
    {
    }

    public void Output(string service, string line)
    {
    }

    public void EngineOutput(string service, string line)
    {
    }

    public void ServiceFinished(ServiceResult result)
    {
    }
}
