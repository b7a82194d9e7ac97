using System.Buffers;

namespace Cybernode.Dockerfile.Lint;

/// <summary>
/// Whether a shell-form command uses what only a shell provides: a glob, a variable or command
/// substitution, a list (<c>&amp;&amp;</c>, <c>||</c>, <c>;</c>, <c>&amp;</c>), a pipe or a redirection.
/// Its JSON form would pass those characters to the program verbatim, so recommending it is wrong.
/// </summary>
internal static class ShellNeeds
{
    private static readonly SearchValues<char> ShellCharacters = SearchValues.Create("*?[$`&|;<>");

    public static bool Apply(string command) => command.AsSpan().ContainsAny(ShellCharacters);
}
