namespace Cybernode.Dockerfile.Instructions;

/// <summary>A build stage: its FROM and the instructions up to the next FROM.</summary>
/// <param name="Index">0-based position among the stages.</param>
public sealed record Stage(int Index, FromInstruction From, IReadOnlyList<Instruction> Instructions)
{
    /// <summary>The <c>AS</c> name in lower case, or null.</summary>
    public string? Name => From.StageName;
}
