namespace Cybernode.Build.Bases;

/// <summary>When a build asks a registry for a remote base image (--pull), as docker build --pull and buildx do.</summary>
public enum PullPolicy
{
    /// <summary>Only for a base neither locked in the store nor there under its name (the default).</summary>
    Missing,

    /// <summary>Every build resolves each remote base's tag again and follows it when it moved.</summary>
    Always,

    /// <summary>No registry: a base must already be in the store (or the engine, for what an engine builds).</summary>
    Never,
}
