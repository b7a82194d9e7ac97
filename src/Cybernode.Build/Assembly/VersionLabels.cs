namespace Cybernode.Build.Assembly;

/// <summary>The OCI version and revision labels of a run image, from the VERSION and REVISION files the build stage wrote into bin/.</summary>
public static class VersionLabels
{
    public const string VersionFile = "VERSION";
    public const string RevisionFile = "REVISION";

    public static Dictionary<string, string> Read(string outputFolder)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ReadFirstLine(Path.Combine(outputFolder, VersionFile)) is { } version)
        {
            labels["org.opencontainers.image.version"] = version;
        }

        if (ReadFirstLine(Path.Combine(outputFolder, RevisionFile)) is { } revision)
        {
            labels["org.opencontainers.image.revision"] = revision;
        }

        return labels;
    }

    private static string? ReadFirstLine(string path) =>
        File.Exists(path) ? File.ReadLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) : null;
}
