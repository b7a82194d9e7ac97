using System.Text.RegularExpressions;
using Cybernode.Build.Publishing;
using Cybernode.Build.Tagging;
using Cybernode.Providers.Selection;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Cybernode.Build.Workspaces;

/// <summary>Reads <c>cybernode.yaml</c>; unknown keys are refused so a typo never passes silently.</summary>
public static partial class WorkspaceSettingsReader
{
    public const string FileName = "cybernode.yaml";
    private static readonly string[] KnownKeys = ["namespace", "providers", "tags", "services", "registry", "insecure_registries", "build_env"];
    private static readonly string[] KnownServiceKeys = ["cache", "tags", "rebuild", "build_after"];

    // Far more than any real settings file needs; it bounds what a hostile file can make the reader do.
    private const long MaxFileSize = 1024 * 1024;

    // The settings nest four levels deep; YamlStream builds nodes recursively, so a deeper file
    // would overflow the stack before any check on the nodes could run.
    private const int MaxDepth = 32;

    public static WorkspaceSettings Read(string workspaceRoot)
    {
        var path = Path.Combine(workspaceRoot, FileName);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return WorkspaceSettings.Default;
        }

        var text = UserFile.ReadText(path, MaxFileSize, $"{FileName} is a small text file of settings beside your services");
        var yaml = new YamlStream();
        try
        {
            CheckDepth(text, path);
            yaml.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new UserError($"not valid YAML: {e.Message}", path, (int)e.Start.Line, "fix the YAML syntax");
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return WorkspaceSettings.Default with { File = path };
        }

        var root = Mapping(yaml.Documents[0].RootNode, path, "expected a mapping of settings (key: value)");
        var settings = WorkspaceSettings.Default with { File = path };
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = Key(keyNode, path);
            var line = (int)keyNode.Start.Line;
            switch (key)
            {
                case "namespace":
                    var value = Scalar(valueNode, path, "namespace: is one name, e.g. namespace: cybernode");
                    if (!NamespacePattern().IsMatch(value))
                    {
                        throw new UserError($"namespace {ReadableText.Quote(value)} is not a valid repository path", path, line,
                            "use lower-case letters, digits, '.', '_', '-' and '/' between components, e.g. namespace: cybernode");
                    }

                    settings = settings with { Namespace = value };
                    break;
                case "providers":
                    settings = settings with { Providers = ReadProviders(valueNode, path) };
                    break;
                case "tags":
                    settings = settings with { Tags = ReadTags(valueNode, path) };
                    break;
                case "services":
                    settings = settings with { Services = ReadServices(valueNode, path) };
                    break;
                case "registry":
                    settings = settings with { Registry = ReadRegistry(valueNode, path, line) };
                    break;
                case "insecure_registries":
                    settings = settings with { InsecureRegistries = ReadInsecureRegistries(valueNode, path) };
                    break;
                case "build_env":
                    settings = settings with { BuildEnv = ReadBuildEnv(valueNode, path) };
                    break;
                default:
                    throw new UserError($"unknown setting {ReadableText.Quote(key)}", path, line, $"known settings: {string.Join(", ", KnownKeys)}");
            }
        }

        return settings;
    }

    /// <summary>True when <paramref name="tag"/> is a valid image tag, as docker tag accepts it.</summary>
    public static bool IsValidTag(string tag) => TagPattern().IsMatch(tag);

    private static List<string> ReadProviders(YamlNode node, string path)
    {
        var names = Scalars(node, path, "providers: is a list of engines, e.g. providers: [podman, docker]");
        foreach (var (name, line) in names)
        {
            if (!ProviderSettings.DefaultOrder.Contains(name))
            {
                throw new UserError($"unknown provider {ReadableText.Quote(name)}", path, line, $"name only {string.Join(", ", ProviderSettings.DefaultOrder)}");
            }
        }

        return [.. names.Select(n => n.Value).Distinct()];
    }

    private static RegistryTarget ReadRegistry(YamlNode node, string path, int line)
    {
        const string Hint = $"registry: is HOST[:PORT]/PREFIX, where the services' images go, e.g. registry: {RegistryTarget.Example}";
        var value = Scalar(node, path, Hint);
        return RegistryTarget.TryParse(value, out var target, out var problem)
            ? target
            : throw new UserError($"registry {ReadableText.Quote(value)} is not valid: {problem}", path, line, Hint);
    }

    private static List<string> ReadInsecureRegistries(YamlNode node, string path)
    {
        const string Hint = "insecure_registries: lists registry hosts spoken to over plain HTTP, e.g. insecure_registries: [registry.lan:5000]";
        var hosts = Scalars(node, path, Hint);
        foreach (var (host, line) in hosts)
        {
            if (!RegistryTarget.IsHost(host))
            {
                throw new UserError($"{ReadableText.Quote(host)} is not a registry host", path, line, $"{Hint}; no scheme, path or tag");
            }
        }

        return [.. hosts.Select(h => h.Value).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static List<string> ReadTags(YamlNode node, string path)
    {
        var tags = Scalars(node, path, "tags: is a list, e.g. tags: [v1, stable, v{date}-{rev8}]");
        foreach (var (tag, line) in tags)
        {
            if (!TagTemplate.TryParse(tag, out _, out var problem))
            {
                throw new UserError(problem, path, line,
                    $"a tag is up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-', and may hold {string.Join(", ", TagTemplate.Known.Select(v => "{" + v + "}"))}");
            }
        }

        return [.. tags.Select(t => t.Value).Distinct()];
    }

    private static Dictionary<string, ServiceSettings> ReadServices(YamlNode node, string path)
    {
        var services = new Dictionary<string, ServiceSettings>(StringComparer.Ordinal);
        foreach (var (nameNode, valueNode) in Mapping(node, path, "services: maps service names to their settings, e.g. services: {hello: {tags: [v1]}}").Children)
        {
            var name = Key(nameNode, path);
            var cache = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var tags = new List<string>();
            var rebuildAlways = false;
            var buildAfter = new List<(string Value, int Line)>();
            var settings = valueNode is YamlScalarNode { Value: null or "" }
                ? new YamlMappingNode()
                : Mapping(valueNode, path, $"the settings of service {name} are a mapping, e.g. {name}: {{cache: {{cargo: /root/.cargo}}}}");
            foreach (var (keyNode, setting) in settings.Children)
            {
                var key = Key(keyNode, path);
                switch (key)
                {
                    case "cache":
                        ReadCache(setting, path, cache);
                        break;
                    case "tags":
                        tags = ReadTags(setting, path);
                        break;
                    case "rebuild":
                        rebuildAlways = ReadRebuild(setting, path);
                        break;
                    case "build_after":
                        buildAfter = Scalars(setting, path, "build_after: lists services to build before this one, e.g. build_after: [other]");
                        break;
                    default:
                        throw new UserError($"unknown setting {ReadableText.Quote(key)} of service {ReadableText.SingleLine(name)}", path, (int)keyNode.Start.Line, $"known service settings: {string.Join(", ", KnownServiceKeys)}");
                }
            }

            services[name] = new ServiceSettings(cache, tags, (int)nameNode.Start.Line) { RebuildAlways = rebuildAlways, BuildAfter = buildAfter };
        }

        return services;
    }

    private static List<string> ReadBuildEnv(YamlNode node, string path)
    {
        const string Hint = "build_env: lists the environment variables the build scripts read, e.g. build_env: [GOFLAGS, CARGO_PROFILE]";
        var names = Scalars(node, path, Hint);
        foreach (var (name, line) in names)
        {
            if (!VariablePattern().IsMatch(name))
            {
                throw new UserError($"{ReadableText.Quote(name)} is not an environment variable name", path, line, $"{Hint}; a name is letters, digits and '_', not starting with a digit");
            }
        }

        return [.. names.Select(n => n.Value).Distinct(StringComparer.Ordinal)];
    }

    /// <summary><c>rebuild: always</c> or <c>rebuild: changed</c> (the default: when its inputs changed).</summary>
    private static bool ReadRebuild(YamlNode node, string path)
    {
        const string Hint = "rebuild: always runs the build stage on every build (e.g. it fetches from the network); rebuild: changed (the default) only when its inputs changed";
        var value = Scalar(node, path, Hint);
        return value switch
        {
            "always" => true,
            "changed" => false,
            _ => throw new UserError($"rebuild: {ReadableText.Quote(value)} is neither always nor changed", path, (int)node.Start.Line, Hint),
        };
    }

    private static void ReadCache(YamlNode node, string path, SortedDictionary<string, string> cache)
    {
        const string Example = "cache: maps volume names to paths in the build container, e.g. cache: {cargo: /root/.cargo}";
        foreach (var (nameNode, pathNode) in Mapping(node, path, Example).Children)
        {
            var volume = Key(nameNode, path);
            var line = (int)nameNode.Start.Line;
            if (!VolumePattern().IsMatch(volume))
            {
                throw new UserError($"{ReadableText.Quote(volume)} is not a valid volume name", path, line, "use letters, digits, '_', '.' and '-', starting with a letter or digit");
            }

            var target = Scalar(pathNode, path, Example);
            if (!target.StartsWith('/') || target == "/build" || target.StartsWith("/build/", StringComparison.Ordinal))
            {
                throw new UserError($"cache {ReadableText.Quote(volume)} must be mounted at an absolute path other than /build, not {ReadableText.Quote(target)}", path, line, Example);
            }

            cache[volume] = target;
        }
    }

    /// <summary>Refuses a file nested deeper than <see cref="MaxDepth"/>, reading its events (which needs no recursion) before any node is built.</summary>
    private static void CheckDepth(string text, string path)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart when ++depth > MaxDepth:
                    throw new UserError($"nested more than {MaxDepth} levels deep", path, (int)parser.Current.Start.Line,
                        "the settings nest a few levels at most: namespace, providers, tags, services: {NAME: {cache: ..., tags: ...}}");
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }
    }

    private static string Key(YamlNode node, string path) =>
        node is YamlScalarNode scalar
            ? scalar.Value ?? ""
            : throw new UserError($"a key is {Kind(node)}; keys are plain names", path, (int)node.Start.Line, "write key: value, e.g. namespace: cybernode");

    private static string Scalar(YamlNode node, string path, string hint) =>
        node is YamlScalarNode scalar
            ? scalar.Value ?? ""
            : throw new UserError($"expected a plain value, not {Kind(node)}", path, (int)node.Start.Line, hint);

    private static string Kind(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode => "a plain value",
        _ => "an alias",
    };

    private static YamlMappingNode Mapping(YamlNode node, string path, string hint) =>
        node as YamlMappingNode ?? throw new UserError($"expected a mapping (key: value), not {Kind(node)}", path, (int)node.Start.Line, hint);

    private static List<(string Value, int Line)> Scalars(YamlNode node, string path, string hint)
    {
        var sequence = node as YamlSequenceNode ?? throw new UserError($"expected a list, not {Kind(node)}", path, (int)node.Start.Line, hint);
        return [.. sequence.Children.Select(child => child is YamlScalarNode { Value: { Length: > 0 } value }
            ? (value, (int)child.Start.Line)
            : throw new UserError("expected a plain value in the list", path, (int)child.Start.Line, hint))];
    }

    [GeneratedRegex(@"^([a-z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex NamespacePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex VolumePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariablePattern();
}
