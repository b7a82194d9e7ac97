using System.Text.RegularExpressions;

namespace Cybernode.Dockerfile.Lint;

/// <summary>
/// BuildKit's SecretsUsedInArgOrEnv rule: a name whose first or last underscore-separated word (or
/// the whole name) is a secret-sounding word, unless a word of it says it is public (PUBLIC_KEY).
/// </summary>
internal static partial class SecretNames
{
    public static bool LookSecret(string name) => Secret().IsMatch(name) && !Public().IsMatch(name);

    [GeneratedRegex("(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Secret();

    [GeneratedRegex("(?:_|^)public(?:_|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Public();
}
