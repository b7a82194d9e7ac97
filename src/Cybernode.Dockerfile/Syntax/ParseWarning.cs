namespace Cybernode.Dockerfile.Syntax;

/// <summary>A problem that BuildKit accepts today but reports, such as an empty continuation line.</summary>
/// <param name="Message">What was found.</param>
/// <param name="Line">1-based line BuildKit reports it at (the last line of the instruction).</param>
public sealed record ParseWarning(string Message, int Line);
