using System.Globalization;
using Cybernode.Build.Assembly.Sources;

namespace Cybernode.Build.Assembly;

/// <summary>
/// Turns --chown's <c>user[:group]</c> into ids as Docker does: numbers are taken as they are;
/// names are looked up in the image's own /etc/passwd and /etc/group (read only when a name is used);
/// a user alone also gives that user's primary group, a numeric uid alone the same number as gid.
/// </summary>
public static class OwnerResolver
{
    public static async Task<(int Uid, int Gid)> ResolveAsync(string owner, Func<Task<ImageFilesystem>> image)
    {
        var parts = owner.Split(':');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0))
        {
            throw new SourceResolutionException($"--chown={owner} is not user[:group]", "e.g. --chown=1000:1000 or --chown=app:app");
        }

        var uidGiven = TryNumber(parts[0]);
        var gidGiven = parts.Length == 2 ? TryNumber(parts[1]) : null;
        if (uidGiven is { } numericUid && (parts.Length == 1 || gidGiven is not null))
        {
            return (numericUid, gidGiven ?? numericUid);
        }

        var filesystem = await image();
        int uid, primaryGid;
        if (uidGiven is { } number)
        {
            (uid, primaryGid) = (number, number);
        }
        else
        {
            var entry = Lookup(filesystem, "/etc/passwd", parts[0], owner)
                ?? throw new SourceResolutionException($"--chown={owner}: no user '{parts[0]}' in the image's /etc/passwd", "use a user the image defines, or numeric ids");
            (uid, primaryGid) = (ParseField(entry, 2, "/etc/passwd"), ParseField(entry, 3, "/etc/passwd"));
        }

        if (parts.Length == 1)
        {
            return (uid, primaryGid);
        }

        if (gidGiven is { } gid)
        {
            return (uid, gid);
        }

        var group = Lookup(filesystem, "/etc/group", parts[1], owner)
            ?? throw new SourceResolutionException($"--chown={owner}: no group '{parts[1]}' in the image's /etc/group", "use a group the image defines, or a numeric gid");
        return (uid, ParseField(group, 2, "/etc/group"));
    }

    private static int? TryNumber(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string[]? Lookup(ImageFilesystem filesystem, string file, string name, string owner)
    {
        var text = filesystem.ReadText(file)
            ?? throw new SourceResolutionException($"--chown={owner}: names need {file} in the image, and it has none", "use numeric ids, e.g. --chown=1000:1000");
        return text.Split('\n')
            .Select(line => line.Split(':'))
            .FirstOrDefault(fields => fields.Length >= 3 && fields[0] == name);
    }

    private static int ParseField(string[] fields, int index, string file) =>
        fields.Length > index && TryNumber(fields[index]) is { } value
            ? value
            : throw new SourceResolutionException($"{file} has a malformed line for '{fields[0]}'", $"fix {file} in the base image");
}
