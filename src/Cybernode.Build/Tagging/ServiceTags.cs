using Cybernode.Build.Workspaces;

namespace Cybernode.Build.Tagging;

/// <summary>The names a service's image gets besides latest: <c>--tag</c>, then cybernode.yaml's workspace and service <c>tags:</c>, templates filled in.</summary>
public static class ServiceTags
{
    /// <summary>The templates, as written, in the order they are applied (each once, never latest).</summary>
    public static IReadOnlyList<string> Written(Workspace workspace, Service service, IReadOnlyList<string> commandLineTags) =>
        [.. commandLineTags.Concat(workspace.Settings.Tags).Concat(workspace.Settings.For(service.Name).Tags)
            .Distinct(StringComparer.Ordinal).Where(t => t != "latest")];

    /// <summary>The full image names, each template filled in from <paramref name="values"/>; a value that makes no valid tag fails, naming its file.</summary>
    public static async Task<IReadOnlyList<string>> ExpandAsync(IReadOnlyList<string> templates, Service service, TagValues values)
    {
        var names = new List<string>();
        foreach (var text in templates)
        {
            if (!TagTemplate.TryParse(text, out var template, out var problem))
            {
                throw new UserError(problem, hint: "tags: holds tags and {date}, {rev8}, {rev}, {version}");
            }

            var filled = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var variable in template.Variables)
            {
                filled[variable] = await values.ValueAsync(variable);
            }

            var tag = template.Expand(v => filled[v]);
            if (!WorkspaceSettingsReader.IsValidTag(tag))
            {
                var source = template.Variables.Select(values.SourceOf).FirstOrDefault(s => s is not null);
                throw new UserError($"the tag template {ReadableText.Quote(text)} gives {ReadableText.Quote(tag)}, which is not a valid image tag", source,
                    hint: "a tag is up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'");
            }

            if (tag != "latest")
            {
                names.Add(service.TaggedName(tag));
            }
        }

        return [.. names.Distinct(StringComparer.Ordinal)];
    }
}
