using System.Buffers;

namespace Cybernode.Dockerfile.Ignore;

/// <summary>
/// A parsed .dockerignore file with BuildKit's semantics (moby/patternmatcher and the fsutil walker):
/// the last pattern that matches a path decides, <c>!</c> patterns re-include, and a pattern that
/// matches a folder excludes everything below it.
/// </summary>
public sealed class DockerIgnore
{
    // What BuildKit's walker counts as a wildcard when deciding whether an exception is a plain path.
    private static readonly SearchValues<char> PatternChars = SearchValues.Create("*[]?^\\");

    private readonly IgnorePattern[] _patterns;
    private readonly bool _hasExceptions;
    private readonly bool _exceptionsArePlainPaths;

    private DockerIgnore(List<string> lines, IgnorePattern[] patterns)
    {
        Patterns = lines.AsReadOnly();
        _patterns = patterns;
        _hasExceptions = _patterns.Any(p => p.IsException);
        _exceptionsArePlainPaths = !_patterns.Any(p => p.IsException && WithoutTrailingGlob(p.Text).AsSpan().ContainsAny(PatternChars));
    }

    /// <summary>The cleaned patterns in file order; exceptions keep their leading <c>!</c>.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>
    /// Reads .dockerignore text: lines starting with <c>#</c> are comments, surrounding white space is trimmed,
    /// blank lines are skipped, and each pattern is cleaned (<c>./a/</c> and <c>/a</c> both become <c>a</c>).
    /// </summary>
    /// <exception cref="InvalidPatternException">A pattern is malformed, or a line is a bare <c>!</c>; it says which line.</exception>
    public static DockerIgnore Parse(string text)
    {
        var lines = new List<string>();
        var patterns = new List<IgnorePattern>();
        var first = true;
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.EndsWith('\r') ? rawLine[..^1] : rawLine;
            if (first)
            {
                line = line.TrimStart('\uFEFF');
                first = false;
            }

            // Only a '#' in the first column starts a comment; "  #x" is the pattern "#x".
            if (line.StartsWith('#'))
            {
                continue;
            }

            var pattern = line.Trim();
            if (pattern.Length == 0)
            {
                continue;
            }

            var isException = pattern[0] == '!';
            if (isException)
            {
                pattern = pattern[1..].Trim();
            }

            if (pattern.Length > 0)
            {
                pattern = GoPath.Clean(pattern);
                if (pattern.Length > 1 && pattern[0] == '/')
                {
                    pattern = pattern[1..];
                }
            }

            var cleaned = isException ? "!" + pattern : pattern;
            lines.Add(cleaned);
            patterns.Add(CompileAt(cleaned, lineNumber));
        }

        return new DockerIgnore(lines, [.. patterns]);
    }

    private static IgnorePattern CompileAt(string pattern, int line)
    {
        try
        {
            return IgnorePattern.Compile(pattern);
        }
        catch (InvalidPatternException e) when (e.Line is null)
        {
            throw new InvalidPatternException(e.Pattern, e.Reason) { Line = line };
        }
    }

    /// <summary>
    /// Whether a path (relative to the context root, <c>/</c>-separated) is left out of the build context,
    /// either by a pattern matching it or one matching a folder above it.
    /// </summary>
    public bool IsExcluded(string relativePath) => IsExcludedClean(Normalize(relativePath));

    /// <summary>
    /// Whether a walker must look inside a folder because something below it may be in the context.
    /// True for a folder that is not excluded. For an excluded folder, true only when an exception
    /// pattern could re-include something below it: any exception with wildcards (after a trailing
    /// <c>/*</c> or <c>/**</c>) counts, otherwise one naming a path inside the folder, as BuildKit's
    /// file walker decides before skipping a folder.
    /// </summary>
    public bool MayHaveIncludedDescendants(string relativeDirectory)
    {
        var directory = Normalize(relativeDirectory);
        if (!IsExcludedClean(directory))
        {
            return true;
        }

        if (!_hasExceptions)
        {
            return false;
        }

        if (!_exceptionsArePlainPaths)
        {
            return true;
        }

        var directoryWithSlash = directory + "/";
        return _patterns.Any(p => p.IsException
            && (WithoutTrailingGlob(p.Text) + "/").StartsWith(directoryWithSlash, StringComparison.Ordinal));
    }

    private bool IsExcludedClean(string path)
    {
        // The context root itself cannot be excluded.
        if (path == ".")
        {
            return false;
        }

        var excluded = false;
        foreach (var pattern in _patterns)
        {
            // An exclusion only matters while the path is included, an exception only while it is excluded.
            if (pattern.IsException != excluded)
            {
                continue;
            }

            if (pattern.Matches(path) || MatchesAParent(pattern, path))
            {
                excluded = !pattern.IsException;
            }
        }

        return excluded;
    }

    private static bool MatchesAParent(IgnorePattern pattern, string path)
    {
        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            if (pattern.Matches(path.AsSpan(0, slash)))
            {
                return true;
            }
        }

        return false;
    }

    private static string Normalize(string relativePath) => GoPath.Clean(relativePath).TrimStart('/') is { Length: > 0 } clean ? clean : ".";

    private static string WithoutTrailingGlob(string pattern)
    {
        if (pattern.EndsWith("/**", StringComparison.Ordinal))
        {
            pattern = pattern[..^3];
        }

        return pattern.EndsWith("/*", StringComparison.Ordinal) ? pattern[..^2] : pattern;
    }
}
