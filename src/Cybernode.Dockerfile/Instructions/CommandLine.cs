namespace Cybernode.Dockerfile.Instructions;

/// <summary>The command of RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD.</summary>
/// <param name="Words">Exec form: the JSON elements. Shell form: one word holding the whole text.</param>
/// <param name="IsExecForm">True for the JSON (exec) form, which runs without a shell.</param>
public sealed record CommandLine(IReadOnlyList<string> Words, bool IsExecForm);
