namespace Cybernode.Build.Reporting;

public enum ServiceStatus
{
    Built,
    Cached,
    Failed,
    Skipped,
}
