using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cybernode.Build.Workspaces;

/// <summary>Reads <c>cybernode.yaml</c>; unknown keys are refused so a typo never passes silently.</summary>
public static partial class WorkspaceSettingsReader
{
    public const string FileName = "cybernode.yaml";
    private static readonly string[] KnownKeys = ["namespace"];

    public static WorkspaceSettings Read(string workspaceRoot)
    {
        var path = Path.Combine(workspaceRoot, FileName);
        if (!File.Exists(path))
        {
            return WorkspaceSettings.Default;
        }

        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            throw new UserError($"not valid YAML: {e.Message}", path, (int)e.Start.Line, "fix the YAML syntax");
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return WorkspaceSettings.Default;
        }

        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new UserError("expected a mapping of settings (key: value)", path, (int)yaml.Documents[0].RootNode.Start.Line);
        }

        var settings = WorkspaceSettings.Default;
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            var line = (int)keyNode.Start.Line;
            switch (key)
            {
                case "namespace":
                    var value = (valueNode as YamlScalarNode)?.Value ?? "";
                    if (!NamespacePattern().IsMatch(value))
                    {
                        throw new UserError($"namespace '{value}' is not a valid repository path", path, line,
                            "use lower-case letters, digits, '.', '_', '-' and '/' between components, e.g. namespace: cybernode");
                    }

                    settings = settings with { Namespace = value };
                    break;
                default:
                    throw new UserError($"unknown setting '{key}'", path, line, $"known settings: {string.Join(", ", KnownKeys)}");
            }
        }

        return settings;
    }

    [GeneratedRegex(@"^([a-z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex NamespacePattern();
}
