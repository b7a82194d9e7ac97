using System.Text.Json.Serialization;
using Cybernode.Cli.Output.Reports;

namespace Cybernode.Cli.Output;

/// <summary>Every document the CLI prints, with its serialisation generated at compile time (no reflection).</summary>
[JsonSerializable(typeof(BuildReport))]
[JsonSerializable(typeof(BuildFailureReport))]
[JsonSerializable(typeof(PlanReport))]
[JsonSerializable(typeof(UpdateReport))]
[JsonSerializable(typeof(ImagesReport))]
[JsonSerializable(typeof(TransferReport))]
[JsonSerializable(typeof(DoctorReport))]
[JsonSerializable(typeof(LintReport))]
[JsonSerializable(typeof(InspectReport))]
[JsonSerializable(typeof(StoreVerifyReport))]
[JsonSerializable(typeof(StoreGcReport))]
[JsonSerializable(typeof(PublishReport))]
[JsonSerializable(typeof(PullReport))]
[JsonSerializable(typeof(PushReport))]
[JsonSerializable(typeof(RmiReport))]
[JsonSerializable(typeof(DuReport))]
[JsonSerializable(typeof(PruneReport))]
[JsonSerializable(typeof(GraphReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
