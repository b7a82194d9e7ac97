namespace Cybernode.Build.Assembly;

/// <summary>Who makes the run image from a service's Dockerfile.</summary>
public enum AssemblerKind
{
    /// <summary>cybernode itself, with no engine: reproducible, but no RUN.</summary>
    InProcess,

    /// <summary>The selected container engine, whose result is copied into the store.</summary>
    Engine,
}
