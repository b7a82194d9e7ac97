namespace Cybernode.Build.Reporting;

/// <summary>Where a build tells people (or machines) what it is doing, as it happens.</summary>
public interface IBuildReporter
{
    void StageStarted(string service, string stage);

    /// <summary>One line a build step printed: 01build.sh, or the build image's command.</summary>
    void Output(string service, string line);

    /// <summary>One line of a container engine's own messages (pulled and copied blobs, container ids, banners).</summary>
    void EngineOutput(string service, string line);

    void ServiceFinished(ServiceResult result);
}
