using Cybernode.Dockerfile.Ignore;
using Cybernode.Oci.FileSystem;

namespace Cybernode.Build.Assembly.Sources;

/// <summary>
/// Reads a build context's .dockerignore as carefully as a COPY source: a link must stay inside the
/// context, only a regular file of bounded size is read (a FIFO would hang, /dev/zero never ends),
/// and a bad pattern is reported at its line. Its contents never appear in a message.
/// </summary>
public static class IgnoreFileReader
{
    public const string FileName = ".dockerignore";

    /// <summary>Beyond this a .dockerignore is a mistake, not a list of patterns.</summary>
    public const int MaxBytes = 1 << 20;

    private const string Hint = "a .dockerignore is a small text file in the service folder, one pattern a line";

    /// <param name="root">The context folder, with its links resolved.</param>
    /// <param name="isInside">Whether a resolved host path lies inside the context.</param>
    public static DockerIgnore Read(string root, Func<string, bool> isInside)
    {
        var path = Path.Combine(root, FileName);
        var kind = RegularFile.KindOf(path, followLinks: false);
        if (kind == FileKind.Missing)
        {
            return DockerIgnore.Parse("");
        }

        if (kind == FileKind.SymbolicLink)
        {
            var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            if (target is null || !isInside(target))
            {
                throw new UserError("it is a symbolic link that leads outside the build context", path, hint: "make .dockerignore a file of the service folder, not a link");
            }

            kind = RegularFile.KindOf(path, followLinks: true);
        }

        if (kind != FileKind.Regular)
        {
            throw new UserError("it is not a regular file (a folder, FIFO, device or link loop), so it is not read", path, hint: Hint);
        }

        return Parse(path, UserFile.ReadText(path, MaxBytes, Hint));
    }

    private static DockerIgnore Parse(string path, string text)
    {
        try
        {
            return DockerIgnore.Parse(text);
        }
        catch (InvalidPatternException e)
        {
            throw new UserError(e.Reason, path, e.Line,
                "a pattern uses Go's filepath.Match syntax: close every '[', and escape a literal one as '\\['");
        }
    }
}
