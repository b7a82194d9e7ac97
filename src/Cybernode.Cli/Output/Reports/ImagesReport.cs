namespace Cybernode.Cli.Output.Reports;

public sealed record ImagesReport(string Store, IReadOnlyList<ImageReport> Images);
