using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary>A Dockerfile checked and split into global ARGs and build stages.</summary>
/// <param name="GlobalArgs">ARG instructions before the first FROM.</param>
/// <param name="Stages">The stages in order.</param>
public sealed record DockerfileModel(IReadOnlyList<ArgInstruction> GlobalArgs, IReadOnlyList<Stage> Stages)
{
    /// <summary>Checks every instruction and groups them into stages.</summary>
    /// <exception cref="DockerfileSyntaxException">An instruction is malformed or out of place.</exception>
    public static DockerfileModel From(DockerfileAst ast)
    {
        var factory = new InstructionFactory(ast.FileName);
        var globalArgs = new List<ArgInstruction>();
        var stages = new List<Stage>();
        FromInstruction? from = null;
        var current = new List<Instruction>();
        foreach (var node in ast.Instructions)
        {
            var instruction = factory.Create(node);
            switch (instruction)
            {
                case FromInstruction next:
                    if (from is not null)
                    {
                        stages.Add(new Stage(stages.Count, from, current));
                        current = [];
                    }

                    from = next;
                    break;
                case ArgInstruction arg when from is null:
                    globalArgs.Add(arg);
                    break;
                default:
                    if (from is null)
                    {
                        throw factory.Error(node, $"no build stage in current context: {node.Keyword.ToUpperInvariant()} must come after FROM");
                    }

                    current.Add(instruction);
                    break;
            }
        }

        if (from is null)
        {
            throw ast.Instructions.Count == 0
                ? new DockerfileSyntaxException("file with no instructions", ast.FileName, 1, 1, string.Empty)
                : factory.Error(ast.Instructions[^1], "dockerfile contains no stages to build: FROM is missing");
        }

        stages.Add(new Stage(stages.Count, from, current));
        return new DockerfileModel(globalArgs, stages);
    }
}
