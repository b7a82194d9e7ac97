using System.Text;

namespace Cybernode.Dockerfile.Syntax;

/// <summary>
/// Prints an AST in BuildKit's conformance <c>result</c> format: one parenthesised line per
/// instruction, flags as a bracketed list, arguments as Go-quoted strings.
/// </summary>
public static class DockerfileDump
{
    public static string Format(DockerfileAst ast)
    {
        var sb = new StringBuilder();
        foreach (var node in ast.Instructions)
        {
            sb.Append('(');
            AppendNode(sb, node);
            sb.Append(")\n");
        }

        return sb.ToString();
    }

    private static void AppendNode(StringBuilder sb, InstructionNode node)
    {
        sb.Append(node.Keyword);
        if (node.Flags.Count > 0)
        {
            sb.Append(" [");
            for (var i = 0; i < node.Flags.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(' ');
                }

                GoQuote.Append(sb, node.Flags[i]);
            }

            sb.Append(']');
        }

        foreach (var argument in node.Arguments)
        {
            sb.Append(' ');
            GoQuote.Append(sb, argument);
        }

        if (node.Inner is not null)
        {
            sb.Append(" (");
            AppendNode(sb, node.Inner);
            sb.Append(')');
        }
    }
}
