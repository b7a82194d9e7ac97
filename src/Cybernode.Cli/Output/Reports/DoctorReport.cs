using Cybernode.Providers;

namespace Cybernode.Cli.Output.Reports;

public sealed record DoctorReport(IReadOnlyList<ProviderStatus> Providers);
