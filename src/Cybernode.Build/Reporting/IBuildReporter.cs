namespace Cybernode.Build.Reporting;

/// <summary>Where a build tells people (or machines) what it is doing, as it happens.</summary>
public interface IBuildReporter
{
    void StageStarted(string service, string stage);

    /// <summary>One line a build step printed.</summary>
    void Output(string service, string line);

    void ServiceFinished(ServiceResult result);
}
