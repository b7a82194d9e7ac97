namespace Cybernode.Build.Planning;

/// <summary>A service needing another's image, and the Dockerfile line that says so.</summary>
public sealed record ServiceDependency(string Service, string DependsOn, string File, int Line);
