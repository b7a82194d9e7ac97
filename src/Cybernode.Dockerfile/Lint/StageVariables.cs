using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Lint;

/// <summary>
/// The variables a stage can expand, for UndefinedVar: ENV names (passed on to stages built on this
/// one), ARG names (this stage only), and PATH, which BuildKit sets when a base has none.
/// </summary>
internal sealed class StageVariables
{
    private readonly HashSet<string> _env;
    private readonly HashSet<string> _args = new(StringComparer.Ordinal);

    /// <param name="parent">The earlier stage this one is built on, or null.</param>
    /// <param name="fromScratch">True when the stage starts from <c>scratch</c>.</param>
    public StageVariables(StageVariables? parent, bool fromScratch)
    {
        _env = parent is null ? new(StringComparer.Ordinal) { "PATH" } : new(parent._env, StringComparer.Ordinal);
        BaseKnown = parent?.BaseKnown ?? fromScratch;
    }

    /// <summary>
    /// True when every variable of the base is known (scratch, or earlier stages on scratch). Any
    /// other base image may set variables the text does not show (<c>FROM python</c> sets
    /// PYTHON_VERSION), so only a likely typo of a known name is reported there.
    /// </summary>
    public bool BaseKnown { get; }

    public void DeclareEnv(string name) => _env.Add(name);

    public void DeclareArg(string name) => _args.Add(name);

    /// <summary>Reports each variable <paramref name="word"/> would expand that the stage does not define.</summary>
    public void CheckUses(string word, InstructionNode node, LintRun run)
    {
        foreach (var name in VariableReferences.In(word, run.EscapeToken).Distinct(StringComparer.Ordinal))
        {
            if (_env.Contains(name) || _args.Contains(name))
            {
                continue;
            }

            var closest = Suggestion.Closest(name, _env.Concat(_args), caseSensitive: true);
            if (BaseKnown || closest is not null)
            {
                run.Report("UndefinedVar", node.StartLine, Suggestion.WithHint($"Usage of undefined variable '${name}'", closest is null ? null : "$" + closest));
            }
        }
    }
}
