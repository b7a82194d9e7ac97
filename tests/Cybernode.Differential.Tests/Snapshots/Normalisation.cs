using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cybernode.Differential.Tests.Snapshots;

/// <summary>
/// Everything the comparison leaves out or evens out, in one place, each with why it may
/// legitimately differ between builders. Anything not listed here is compared as it is.
/// <list type="bullet">
/// <item>Times (file mtimes, config and history "created") and the history itself: each builder
/// stamps its own clock and writes its own history text. Not read at all.</item>
/// <item>A folder's size and link count, and the root folder itself: they come from the filesystem
/// umoci unpacked onto, not from the image (see <see cref="FilesystemReader"/>).</item>
/// <item>A symbolic link's mode: always 0777 on Linux.</item>
/// <item>Config fields not in <see cref="ComparedFields"/> (Hostname, Image, ArgsEscaped, Domainname,
/// Attach*, Tty...): the legacy builder's container leftovers and Windows-only flags.</item>
/// <item>An empty field is an absent one (null, "", [], {}; in Healthcheck a zero duration or count): buildah writes
/// <c>"Volumes": {}</c> and <c>"Entrypoint": []</c> where docker writes null.</item>
/// <item>WorkingDir "/" is an absent WorkingDir: "/" is where every runtime starts without one, and
/// BuildKit writes it for FROM scratch images where docker's legacy builder and cybernode write none.</item>
/// <item>The labels builders add about themselves: <see cref="BuilderLabels"/>.</item>
/// <item>The default PATH an engine puts in Env when neither the base nor the Dockerfile sets one
/// (docker and BuildKit do this for FROM scratch; cybernode leaves Env as the Dockerfile says, and
/// runtimes add the same default when the container starts): see <see cref="DropDefaultPath"/>.</item>
/// </list>
/// </summary>
public static class Normalisation
{
    public const string RootFolder = "/";

    public const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static IReadOnlyList<string> ComparedFields { get; } =
    [
        "Env", "Cmd", "Entrypoint", "WorkingDir", "User", "ExposedPorts", "Volumes", "Labels",
        "StopSignal", "Healthcheck", "OnBuild", "Shell",
    ];

    /// <summary>buildah's version stamp and the build time cybernode records (its value is SOURCE_DATE_EPOCH).</summary>
    public static IReadOnlyList<string> BuilderLabels { get; } = ["io.buildah.version", "org.opencontainers.image.created"];

    /// <summary>The compared fields of a container config (the "config" object of an image config), canonical and with empties dropped.</summary>
    public static IReadOnlyDictionary<string, string> ConfigFields(JsonElement? config)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (config is not { ValueKind: JsonValueKind.Object } present)
        {
            return fields;
        }

        foreach (var name in ComparedFields)
        {
            if (!present.TryGetProperty(name, out var value))
            {
                continue;
            }

            var node = Canonical(JsonNode.Parse(value.GetRawText()));
            if (name == "Labels" && node is JsonObject labels)
            {
                foreach (var label in BuilderLabels)
                {
                    labels.Remove(label);
                }
            }

            if (name == "Healthcheck" && node is JsonObject health)
            {
                foreach (var unset in health.Where(p => IsEmpty(p.Value)).Select(p => p.Key).ToList())
                {
                    health.Remove(unset);
                }
            }

            if (!IsEmpty(node) && !(name == "WorkingDir" && node!.GetValue<string>() == RootFolder))
            {
                fields[name] = node!.ToJsonString();
            }
        }

        return fields;
    }

    /// <summary>When one side's Env holds exactly the engines' default PATH and the other has no PATH at all, the default is dropped.</summary>
    public static (string? Left, string? Right) DropDefaultPath(string? left, string? right)
    {
        var leftEnv = EnvOf(left);
        var rightEnv = EnvOf(right);
        var leftHasDefault = leftEnv.Contains(DefaultPath);
        var rightHasDefault = rightEnv.Contains(DefaultPath);
        if (leftHasDefault && !rightEnv.Any(IsPath))
        {
            return (EnvJson(leftEnv.Where(e => e != DefaultPath)), right);
        }

        if (rightHasDefault && !leftEnv.Any(IsPath))
        {
            return (left, EnvJson(rightEnv.Where(e => e != DefaultPath)));
        }

        return (left, right);
    }

    private static bool IsPath(string entry) => entry.StartsWith("PATH=", StringComparison.Ordinal);

    private static List<string> EnvOf(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];

    private static string? EnvJson(IEnumerable<string> env)
    {
        var list = env.ToList();
        return list.Count == 0 ? null : new JsonArray([.. list.Select(e => JsonValue.Create(e))]).ToJsonString();
    }

    /// <summary>Objects with sorted keys, so equal configs print equally.</summary>
    private static JsonNode? Canonical(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var sorted = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    sorted[key] = Canonical(value?.DeepClone());
                }

                return sorted;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Canonical(item?.DeepClone()))]);
            default:
                return node;
        }
    }

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonObject obj => obj.Count == 0,
        JsonArray array => array.Count == 0,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>().Length == 0,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<decimal>() == 0,
        _ => false,
    };
}
