namespace Cybernode.Build.Steps;

/// <summary>What a step of a service's build does; a service is a chain of these.</summary>
public enum StepKind
{
    /// <summary>Build the build image from Dockerfile-build with a container engine.</summary>
    BuildImage,

    /// <summary>Run the build image with bin/ at /build, its CMD copying the binaries out.</summary>
    BuildRun,

    /// <summary>Run 01build.sh on the host with BUILD_DIR at bin/.</summary>
    HostScript,

    /// <summary>Make the run image from Dockerfile into the store.</summary>
    RunImage,

    /// <summary>Put the run image into the container engine.</summary>
    EngineLoad,

    /// <summary>Give the run image its extra names.</summary>
    Tag,
}
