using Cybernode.Build.Workspaces;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Planning;

/// <summary>
/// Finds FROM (and COPY --from) lines that name a workspace service under another namespace, as
/// after <c>namespace:</c> changed: such a line builds on whatever image of that old name the store
/// or engine still holds, not on the service this build makes.
/// </summary>
public static class StaleNamespaceCheck
{
    public static IReadOnlyList<UserError> Find(Workspace workspace, IEnumerable<Service> services, Dockerfiles dockerfiles)
    {
        var names = workspace.Services.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var ownNamespace = workspace.Settings.Namespace;
        var warnings = new List<UserError>();
        foreach (var service in services)
        {
            foreach (var mention in service.DockerfilePaths.SelectMany(path => MentionsIn(path, dockerfiles)))
            {
                var repository = mention.Image.FamiliarRepository;
                var slash = repository.LastIndexOf('/');
                if (slash <= 0)
                {
                    continue;
                }

                var (prefix, name) = (repository[..slash], repository[(slash + 1)..]);
                if (prefix != ownNamespace && names.Contains(name))
                {
                    warnings.Add(new UserError(
                        $"{repository} is not this workspace's service {name}, whose image is {ownNamespace}/{name} (namespace: {ownNamespace}): it resolves to an image {repository} left in the store or engine, not to what this build makes",
                        mention.File, mention.Line,
                        $"if namespace: changed, write {ownNamespace}/{name} instead"));
                }
            }
        }

        return warnings;
    }

    private static IReadOnlyList<ImageMention> MentionsIn(string dockerfile, Dockerfiles dockerfiles)
    {
        try
        {
            return dockerfiles.References(dockerfile);
        }
        catch (UserError)
        {
            // A Dockerfile that does not parse fails its service's build, with its own message.
            return [];
        }
    }
}
