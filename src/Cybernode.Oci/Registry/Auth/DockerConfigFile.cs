using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cybernode.Oci.FileSystem;

namespace Cybernode.Oci.Registry.Auth;

/// <summary>
/// docker's config.json as far as registry logins go: <c>auths</c>, <c>credsStore</c> and
/// <c>credHelpers</c>. Every other key is kept as it was when the file is written back.
/// </summary>
public sealed class DockerConfigFile
{
    public const string FolderVariable = "DOCKER_CONFIG";

    // A config.json is a few kilobytes; more is not a docker config and is not read whole.
    private const long MaxLength = 4 << 20;

    private readonly JsonObject _root;

    private DockerConfigFile(string path, JsonObject root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    /// <summary>The helper that stores every login unless <c>credHelpers</c> names another, or null.</summary>
    public string? CredsStore => Text(_root, "credsStore");

    /// <summary>$DOCKER_CONFIG/config.json, else ~/.docker/config.json.</summary>
    public static string DefaultPath()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable);
        if (string.IsNullOrEmpty(folder))
        {
            folder = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        }

        return System.IO.Path.Combine(folder, "config.json");
    }

    /// <summary>Reads the file; a missing or empty one holds no login, a malformed one is refused naming it.</summary>
    public static async Task<DockerConfigFile> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (RegularFile.LengthOf(path) is null or 0)
        {
            return new DockerConfigFile(path, []);
        }

        var bytes = await RegularFile.ReadAllAsync(path, MaxLength, cancellationToken);
        if (bytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return new DockerConfigFile(path, []);
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(bytes);
        }
        catch (JsonException e)
        {
            // The parser's own message quotes the offending bytes, which may be part of a password.
            throw Malformed($"{path}:{e.LineNumber + 1}", "is not valid JSON");
        }

        var config = root as JsonObject ?? throw Malformed(path, "is not a JSON object");
        ObjectOrNone(config, "auths", path);
        ObjectOrNone(config, "credHelpers", path);
        return config["credsStore"] is null or JsonValue ? new DockerConfigFile(path, config) : throw Malformed(path, "credsStore is not a string");
    }

    /// <summary>The credential helper <c>credHelpers</c> names for the registry of <paramref name="key"/>, or null.</summary>
    public string? HelperFor(string key)
    {
        var helpers = _root["credHelpers"] as JsonObject;
        var entry = helpers?.FirstOrDefault(pair => RegistryHostKey.Same(pair.Key, key));
        return entry?.Value is JsonValue value && value.TryGetValue<string>(out var name) && name.Length > 0 ? name : null;
    }

    /// <summary>The login written in <c>auths</c> for the registry of <paramref name="key"/>, or null.</summary>
    public RegistryCredential? AuthFor(string key)
    {
        if (_root["auths"] is not JsonObject auths)
        {
            return null;
        }

        // An entry under the exact key wins over one that only normalises to it, as in docker.
        var entry = auths.FirstOrDefault(pair => pair.Key == key);
        if (entry.Key is null)
        {
            entry = auths.FirstOrDefault(pair => RegistryHostKey.Same(pair.Key, key));
        }

        return entry.Value is JsonObject found ? Decode(entry.Key!, found) : null;
    }

    /// <summary>Files <paramref name="credential"/> under <paramref name="key"/>, replacing any entry naming the same registry.</summary>
    public void SetAuth(string key, RegistryCredential credential)
    {
        RemoveAuth(key);
        var entry = new JsonObject { ["auth"] = credential.BasicValue() };
        if (credential.IdentityToken is { } token)
        {
            entry["identitytoken"] = token;
        }

        Auths()[key] = entry;
    }

    /// <summary>Removes every entry naming the registry of <paramref name="key"/>, with or without scheme; whether there was one.</summary>
    public bool RemoveAuth(string key)
    {
        if (_root["auths"] is not JsonObject auths)
        {
            return false;
        }

        var names = auths.Where(pair => RegistryHostKey.Same(pair.Key, key)).Select(pair => pair.Key).ToList();
        foreach (var name in names)
        {
            auths.Remove(name);
        }

        return names.Count > 0;
    }

    /// <summary>Writes the file back (through a link to where it leads), readable by its owner alone, replaced at once.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        var target = RegularFile.KindOf(Path, followLinks: false) == FileKind.SymbolicLink
            ? new FileInfo(Path).ResolveLinkTarget(returnFinalTarget: true)!.FullName
            : System.IO.Path.GetFullPath(Path);
        var folder = System.IO.Path.GetDirectoryName(target)!;

        // As docker makes ~/.docker: for its owner alone.
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var temp = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        try
        {
            await using (var file = new FileStream(temp, options))
            {
                await using (var writer = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true }))
                {
                    _root.WriteTo(writer);
                }

                await file.WriteAsync("\n"u8.ToArray(), cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch (IOException e) when (StorageException.IsDiskFull(e))
        {
            File.Delete(temp);
            throw StorageException.DiskFull(target, e);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private JsonObject Auths()
    {
        if (_root["auths"] is JsonObject auths)
        {
            return auths;
        }

        var made = new JsonObject();
        _root["auths"] = made;
        return made;
    }

    private RegistryCredential? Decode(string key, JsonObject entry)
    {
        var token = Text(entry, "identitytoken");
        if (Text(entry, "auth") is { } auth)
        {
            string pair;
            try
            {
                pair = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            }
            catch (FormatException)
            {
                throw Malformed(Path, $"the auth of \"{key}\" is not base64");
            }

            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon < 0
                ? throw Malformed(Path, $"the auth of \"{key}\" is not base64 of USER:PASSWORD")
                : new RegistryCredential(pair[..colon], pair[(colon + 1)..].TrimEnd('\0'), token);
        }

        // Old docker versions wrote the parts apart; an entry with neither holds no login.
        var username = Text(entry, "username");
        return username is not null || token is not null
            ? new RegistryCredential(username ?? "", Text(entry, "password") ?? "", token)
            : null;
    }

    private static string? Text(JsonObject holder, string name) =>
        holder[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static void ObjectOrNone(JsonObject config, string name, string path)
    {
        if (config[name] is not (null or JsonObject))
        {
            throw Malformed(path, $"{name} is not a JSON object");
        }
    }

    private static RegistryException Malformed(string where, string what) =>
        new($"{where}: {what}", "fix or remove that docker config file; cybernode login writes a new one");
}
