namespace Cybernode.Dockerfile.Syntax;

internal enum JsonArrayResult
{
    /// <summary>A JSON array of strings: exec form.</summary>
    Strings,

    /// <summary>Not valid JSON (or not an array): BuildKit falls back to shell form.</summary>
    NotJson,

    /// <summary>Valid JSON array holding something other than strings: BuildKit rejects the line.</summary>
    NotStringArray,
}
