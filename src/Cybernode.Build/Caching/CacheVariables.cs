using Cybernode.Build.Secrets;

namespace Cybernode.Build.Caching;

/// <summary>The variables cybernode sets for a build stage, as its cache inputs.</summary>
public static class CacheVariables
{
    /// <summary>
    /// The given ones, and which secrets are given: the secrets folder is a new temporary path every
    /// build, so which secrets count, never where or what they hold.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Of(BuildOptions options, params (string Name, string Value)[] set)
    {
        var variables = set.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        variables[SecretFolder.Variable] = string.Join(',', options.Secrets.Select(s => s.Id).Order(StringComparer.Ordinal));
        return variables;
    }
}
