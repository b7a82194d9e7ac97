using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary>HEALTHCHECK NONE, or HEALTHCHECK [flags] CMD command.</summary>
/// <param name="IsNone">True for <c>HEALTHCHECK NONE</c>, which disables an inherited check.</param>
/// <param name="Test">The command, or null for NONE.</param>
/// <param name="Interval"><c>--interval</c> as written (a Go duration such as <c>30s</c>), or null.</param>
/// <param name="Timeout"><c>--timeout</c> as written, or null.</param>
/// <param name="StartPeriod"><c>--start-period</c> as written, or null.</param>
/// <param name="StartInterval"><c>--start-interval</c> as written, or null.</param>
/// <param name="Retries"><c>--retries</c>, or null.</param>
public sealed record HealthcheckInstruction(
    InstructionNode Node,
    bool IsNone,
    CommandLine? Test,
    string? Interval,
    string? Timeout,
    string? StartPeriod,
    string? StartInterval,
    int? Retries) : Instruction(Node);
