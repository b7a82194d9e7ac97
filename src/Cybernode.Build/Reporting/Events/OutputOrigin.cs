namespace Cybernode.Build.Reporting.Events;

public enum OutputOrigin
{
    /// <summary>The build step's own output: 01build.sh, the build image's command.</summary>
    Step,

    /// <summary>A container engine's own messages (pulled and copied blobs, container ids, banners).</summary>
    Engine,
}
