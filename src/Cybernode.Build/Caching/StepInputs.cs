using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Cybernode.Build.Caching;

/// <summary>
/// Everything a cacheable step's result depends on, kept part by part so that a change can be
/// named: the files of its folder, the variables it gets, the build args, and the identities of
/// the images it runs or starts FROM. Values of variables and build args are kept only as digests:
/// one may be a token, and the store must hold no secret.
/// </summary>
public sealed record StepInputs(
    [property: JsonPropertyName("step")] string Step,
    [property: JsonPropertyName("files")] SortedDictionary<string, string> Files,
    [property: JsonPropertyName("variables")] SortedDictionary<string, string> Variables,
    [property: JsonPropertyName("buildArgs")] SortedDictionary<string, string> BuildArgs,
    [property: JsonPropertyName("images")] SortedDictionary<string, string> Images)
{
    // Bump when what goes into the key changes, so old records stop matching.
    private const string FormatVersion = "cybernode-step-inputs-v1";

    /// <summary>Keeps a value's identity, not the value: "sha256:HEX" of the name and value, or "unset".</summary>
    public static string Fingerprint(string name, string? value) =>
        value is null ? "unset" : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{name}={value}")));

    /// <summary>The key a result is found by: equal keys, equal inputs.</summary>
    public string Key()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Line(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text.Replace("\n", "\\n", StringComparison.Ordinal) + "\n"));
        Line(FormatVersion);
        Line(Step);
        foreach (var (part, values) in new[] { ("file", Files), ("variable", Variables), ("arg", BuildArgs), ("image", Images) })
        {
            foreach (var (name, value) in values)
            {
                Line($"{part} {name.Length} {name} {value}");
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
