using System.Globalization;
using Cybernode.Build.Assembly;
using Cybernode.Build.Workspaces;

namespace Cybernode.Build.Tagging;

/// <summary>
/// The values of a service's tag variables after its build stage: <c>{date}</c> from the build's
/// date, <c>{rev}</c>/<c>{rev8}</c> from bin/REVISION (else the workspace's git commit) and
/// <c>{version}</c> from bin/VERSION. A value that is missing or unusable fails with the file to fix.
/// </summary>
public sealed class TagValues(Service service, DateOnly date, GitRevision git)
{
    private const int ShortRevisionLength = 8;

    public async Task<string> ValueAsync(string variable) => variable switch
    {
        TagTemplate.Date => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        TagTemplate.Version => OutputLine(VersionLabels.VersionFile)
            ?? throw new UserError($"the tag template {{version}} needs {OutputPath(VersionLabels.VersionFile)}, which the build stage did not write", OutputPath(VersionLabels.VersionFile),
                hint: $"write the version to {Service.OutputFolderName}/{VersionLabels.VersionFile} in the build stage (e.g. echo 1.2.3 > \"$BUILD_DIR/{VersionLabels.VersionFile}\"), or drop {{version}} from tags:"),
        TagTemplate.Revision => OutputLine(VersionLabels.RevisionFile) ?? await git.DescribeAsync(null),
        TagTemplate.ShortRevision => OutputLine(VersionLabels.RevisionFile) is { } revision
            ? revision[..Math.Min(ShortRevisionLength, revision.Length)]
            : await git.DescribeAsync(ShortRevisionLength),
        _ => throw new ArgumentOutOfRangeException(nameof(variable), variable, "not a tag variable"),
    };

    /// <summary>The file a variable's value came from, for an error about the tag it made; null when it came from no file.</summary>
    public string? SourceOf(string variable) => variable switch
    {
        TagTemplate.Version => OutputPath(VersionLabels.VersionFile),
        TagTemplate.Revision or TagTemplate.ShortRevision when File.Exists(OutputPath(VersionLabels.RevisionFile)) => OutputPath(VersionLabels.RevisionFile),
        _ => null,
    };

    /// <summary>The date <c>{date}</c> gives: SOURCE_DATE_EPOCH's when it is set (a reproducible build), else today's, in UTC.</summary>
    public static DateOnly BuildDate(string? sourceDateEpoch, DateTimeOffset now) =>
        DateOnly.FromDateTime((string.IsNullOrWhiteSpace(sourceDateEpoch)
            ? now
            : DateTimeOffset.FromUnixTimeSeconds(Assembly.AssemblerOptions.ReadSourceDateEpoch(sourceDateEpoch))).UtcDateTime);

    private string OutputPath(string file) => Path.Combine(service.OutputFolder, file);

    private string? OutputLine(string file)
    {
        var path = OutputPath(file);
        return File.Exists(path) ? File.ReadLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) : null;
    }
}
