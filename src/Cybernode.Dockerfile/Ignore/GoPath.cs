using System.Text;

namespace Cybernode.Dockerfile.Ignore;

/// <summary>Go's <c>path/filepath.Clean</c> for <c>/</c>-separated paths, which .dockerignore handling applies to every pattern.</summary>
internal static class GoPath
{
    public static string Clean(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        var rooted = path[0] == '/';
        var output = new StringBuilder(path.Length);
        var read = 0;
        // Where ".." can no longer back up: after the root, or after leading ".." elements.
        var floor = 0;
        if (rooted)
        {
            output.Append('/');
            read = 1;
            floor = 1;
        }

        while (read < path.Length)
        {
            if (path[read] == '/')
            {
                read++;
            }
            else if (path[read] == '.' && (read + 1 == path.Length || path[read + 1] == '/'))
            {
                read++;
            }
            else if (path[read] == '.' && path[read + 1] == '.' && (read + 2 == path.Length || path[read + 2] == '/'))
            {
                read += 2;
                if (output.Length > floor)
                {
                    var length = output.Length - 1;
                    while (length > floor && output[length] != '/')
                    {
                        length--;
                    }

                    output.Length = length;
                }
                else if (!rooted)
                {
                    if (output.Length > 0)
                    {
                        output.Append('/');
                    }

                    output.Append("..");
                    floor = output.Length;
                }
            }
            else
            {
                if ((rooted && output.Length != 1) || (!rooted && output.Length != 0))
                {
                    output.Append('/');
                }

                while (read < path.Length && path[read] != '/')
                {
                    output.Append(path[read++]);
                }
            }
        }

        return output.Length == 0 ? "." : output.ToString();
    }
}
