using System.CommandLine;
using System.CommandLine.Parsing;
using Cybernode.Build;
using Cybernode.Build.Publishing;
using Cybernode.Build.Workspaces;

namespace Cybernode.Cli.Commands;

/// <summary>The options <c>publish</c> and <c>build --push</c> share, and where the cluster goes.</summary>
public static class PublishOptions
{
    public const string RegistryOption = "--registry";

    public static Option<RegistryTarget?> Registry() => new(RegistryOption)
    {
        Description = $"Where the images go, HOST[:PORT]/PREFIX (the prefix takes the namespace's place: HOST/PREFIX/SERVICE); default registry: in cybernode.yaml",
        CustomParser = ParseTarget,
    };

    /// <summary>--registry, else cybernode.yaml's registry:; neither is one clear error before anything is built or sent.</summary>
    public static RegistryTarget Target(RegistryTarget? given, WorkspaceSettings settings) =>
        given ?? settings.Registry ?? throw new UserError(
            "no registry to publish to",
            settings.File,
            hint: $"give {RegistryOption} HOST/PREFIX, or add to {WorkspaceSettingsReader.FileName}: registry: {RegistryTarget.Example}");

    private static RegistryTarget? ParseTarget(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[^1].Value;
        if (RegistryTarget.TryParse(text, out var target, out var problem))
        {
            return target;
        }

        result.AddError($"{RegistryOption} '{text}': {problem} (e.g. {RegistryOption} {RegistryTarget.Example})");
        return null;
    }
}
