using System.Text.RegularExpressions;
using Cybernode.Providers;

namespace Cybernode.Build.Secrets;

/// <summary>
/// Reads one <c>--secret</c> as BuildKit (docker buildx build) spells it: comma-separated
/// <c>type=file|env</c>, <c>id=</c>, <c>src=</c> (or <c>source=</c>), <c>env=</c>, with BuildKit's defaults:
/// a file's id is its base name, an env secret's id its variable, and a bare <c>id=NAME</c> takes
/// the variable NAME when it is set, else the file NAME. Messages never repeat a field that could
/// be the secret itself pasted by mistake.
/// </summary>
public static partial class SecretSpec
{
    public const string Option = "--secret";

    /// <exception cref="FormatException">the text is not a secret as BuildKit spells it.</exception>
    /// <param name="environment">Looks a variable up, for a bare id.</param>
    /// <param name="workingDirectory">What a relative src= is relative to.</param>
    public static BuildSecret Parse(string text, Func<string, string?> environment, string workingDirectory)
    {
        string? type = null, id = null, source = null, variable = null;
        var fields = text.Split(',');
        for (var i = 0; i < fields.Length; i++)
        {
            var equals = fields[i].IndexOf('=');
            if (equals <= 0)
            {
                throw new FormatException($"{Option}: field {i + 1} is not KEY=VALUE (keys: type, id, src, source, env)");
            }

            var value = fields[i][(equals + 1)..];
            switch (fields[i][..equals].ToLowerInvariant())
            {
                case "type":
                    type = value is "file" or "env" ? value : throw new FormatException($"{Option}: type is file or env");
                    break;
                case "id":
                    id = value;
                    break;
                case "src" or "source":
                    source = value;
                    break;
                case "env":
                    variable = value;
                    break;
                default:
                    throw new FormatException($"{Option}: field {i + 1} has an unknown key (keys: type, id, src, source, env)");
            }
        }

        var fromEnvironment = type switch
        {
            "env" => true,
            "file" => variable is null ? false : throw new FormatException($"{Option}: env= names a variable, which type=file does not take"),
            _ when variable is not null && source is not null => throw new FormatException($"{Option}: give src=FILE or env=VARIABLE, not both"),
            _ => variable is not null || (source is null && id is not null && environment(id) is not null),
        };
        return fromEnvironment ? FromVariable(id, variable ?? id ?? source) : FromFile(id, source ?? id, workingDirectory);
    }

    private static BuildSecret FromVariable(string? id, string? variable)
    {
        if (variable is null || !VariableName().IsMatch(variable))
        {
            throw new FormatException($"{Option}: env= names an environment variable: letters, digits and '_', not starting with a digit");
        }

        return new BuildSecret(CheckId(id ?? variable), variable, FromEnvironment: true);
    }

    private static BuildSecret FromFile(string? id, string? source, string workingDirectory)
    {
        if (string.IsNullOrEmpty(source))
        {
            throw new FormatException($"{Option} needs id=NAME with src=FILE or env=VARIABLE");
        }

        var path = Path.GetFullPath(source, workingDirectory);
        return new BuildSecret(CheckId(id ?? Path.GetFileName(path)), path, FromEnvironment: false);
    }

    /// <summary>An id names a file under /run/secrets and under $CYBERNODE_SECRETS, so it is one plain file name.</summary>
    private static string CheckId(string id) => IdPattern().IsMatch(id) && id != "." && id != ".."
        ? id
        : throw new FormatException($"{Option}: a secret id is 1 to 128 letters, digits, '.', '_' and '-' (not . or ..): it names a file under {BuildSecret.MountFolder}");

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
