using System.Text;
using Cybernode.Cli.Output.Reports;

namespace Cybernode.Cli.Output;

/// <summary>A workspace graph in graphviz's DOT language: a box per service (with its image's state), an arrow from each service to what it needs, labelled with why.</summary>
public static class GraphDot
{
    public static string Write(GraphReport graph)
    {
        var dot = new StringBuilder();
        dot.Append("digraph ").Append(Quote("cybernode")).AppendLine(" {");
        dot.AppendLine("  node [shape=box];");
        foreach (var service in graph.Services)
        {
            dot.Append("  ").Append(Quote(service.Name)).Append(" [label=").Append(Quote($"{service.Name}\n{service.Freshness}")).Append(service.Cached ? "" : ", style=bold").AppendLine("];");
        }

        foreach (var edge in graph.Edges)
        {
            dot.Append("  ").Append(Quote(edge.Service)).Append(" -> ").Append(Quote(edge.DependsOn))
                .Append(" [label=").Append(Quote(edge.Kind)).Append(edge.Kind == "build-after" ? ", style=dashed" : "").AppendLine("];");
        }

        return dot.AppendLine("}").ToString();
    }

    // DOT's quoted IDs: a quote and a backslash are escaped, a newline becomes a centred line break.
    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
