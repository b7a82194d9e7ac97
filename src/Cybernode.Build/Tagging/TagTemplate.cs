using System.Text;
using Cybernode.Build.Workspaces;

namespace Cybernode.Build.Tagging;

/// <summary>
/// A tag as <c>tags:</c> in cybernode.yaml writes it: literal text with <c>{date}</c>, <c>{rev8}</c>,
/// <c>{rev}</c> and <c>{version}</c> in it (e.g. <c>v{date}-{rev8}</c>), filled in per build and service.
/// </summary>
public sealed class TagTemplate
{
    public const string Date = "date";
    public const string ShortRevision = "rev8";
    public const string Revision = "rev";
    public const string Version = "version";

    /// <summary>The shortest value each variable can have, to tell a template that can never give a valid tag.</summary>
    private static readonly Dictionary<string, string> Shortest = new(StringComparer.Ordinal)
    {
        [Date] = "19700101",
        [ShortRevision] = "0",
        [Revision] = "0",
        [Version] = "0",
    };

    private readonly IReadOnlyList<(string Text, bool IsVariable)> _parts;

    private TagTemplate(string text, IReadOnlyList<(string Text, bool IsVariable)> parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    /// <summary>The variables it uses; none for a plain tag.</summary>
    public IReadOnlySet<string> Variables => _parts.Where(p => p.IsVariable).Select(p => p.Text).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlyList<string> Known => [.. Shortest.Keys];

    /// <summary>Reads a template; <paramref name="problem"/> says in a sentence why it is none (an unknown or unclosed <c>{name}</c>, or text that no value makes a valid tag).</summary>
    public static bool TryParse(string text, out TagTemplate template, out string problem)
    {
        var parts = new List<(string Text, bool IsVariable)>();
        var literal = new StringBuilder();
        template = new TagTemplate(text, parts);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '}')
            {
                problem = $"tag {ReadableText.Quote(text)}: '}}' at position {i + 1} closes no '{{'";
                return false;
            }

            if (text[i] != '{')
            {
                literal.Append(text[i]);
                continue;
            }

            var end = text.IndexOf('}', i);
            if (end < 0)
            {
                problem = $"tag {ReadableText.Quote(text)}: '{{' at position {i + 1} is not closed";
                return false;
            }

            var name = text[(i + 1)..end];
            if (!Shortest.ContainsKey(name))
            {
                problem = $"tag {ReadableText.Quote(text)} uses the unknown {ReadableText.Quote("{" + name + "}")}";
                return false;
            }

            if (literal.Length > 0)
            {
                parts.Add((literal.ToString(), false));
                literal.Clear();
            }

            parts.Add((name, true));
            i = end;
        }

        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), false));
        }

        var shortest = template.Expand(name => Shortest[name]);
        problem = WorkspaceSettingsReader.IsValidTag(shortest) ? ""
            : template.Variables.Count == 0 ? $"{ReadableText.Quote(text)} is not a valid image tag"
            : $"{ReadableText.Quote(text)} can never be a valid image tag, whatever its variables hold";
        return problem.Length == 0;
    }

    /// <summary>The tag with each variable replaced by <paramref name="valueOf"/>'s value for it.</summary>
    public string Expand(Func<string, string> valueOf) =>
        string.Concat(_parts.Select(p => p.IsVariable ? valueOf(p.Text) : p.Text));

    public override string ToString() => Text;
}
