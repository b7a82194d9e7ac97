using System.Text.RegularExpressions;

namespace Cybernode.Build.Workspaces;

/// <summary>Which folder paths make a valid service name: one component of a docker repository path.</summary>
public static partial class ServiceNames
{
    /// <summary>Docker's limit on a whole repository name, which the build image's name (NAMESPACE/build-SERVICE) must fit.</summary>
    public const int MaxRepositoryLength = 255;

    public const string Rule =
        "a service name (the folder path below the workspace, '/' written as '-') may hold only lower-case letters and digits, "
        + "joined by the separators '.', '_', '__' or '-', starting and ending with a letter or digit (docker's rule for a repository path component)";

    /// <summary>Why the folder at <paramref name="relativePath"/> cannot be a service, or null when it can.</summary>
    public static UserError? Check(string name, string relativePath, string folder, string @namespace)
    {
        if (!ComponentPattern().IsMatch(name))
        {
            return new UserError($"the folder {ReadableText.Quote(relativePath)} makes the service name {ReadableText.Quote(name)}, which is not a valid image name", folder,
                hint: $"{Rule}; rename the folder (cybernode never changes a name on its own)");
        }

        var longest = $"{@namespace}/build-{name}";
        return longest.Length > MaxRepositoryLength
            ? new UserError($"the folder {ReadableText.Quote(relativePath)} makes an image name of {longest.Length} characters, longer than docker's {MaxRepositoryLength}", folder,
                hint: "give the folder a shorter name")
            : null;
    }

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$")]
    private static partial Regex ComponentPattern();
}
