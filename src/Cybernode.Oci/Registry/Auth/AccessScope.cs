namespace Cybernode.Oci.Registry.Auth;

/// <summary>
/// The token scopes a distribution API request needs, read from its method and path as docker
/// does: <c>repository:REPO:pull</c> to read, <c>repository:REPO:pull,push</c> to write, and pull
/// on the source repository of a cross-repository mount.
/// </summary>
public static class AccessScope
{
    private static readonly string[] RepositoryParts = ["/manifests/", "/blobs/", "/tags/", "/referrers/"];

    /// <summary>The scopes of <paramref name="method"/> on <paramref name="uri"/>; none for /v2/ itself or a path outside the API.</summary>
    public static IReadOnlyList<string> Of(HttpMethod method, Uri uri)
    {
        var path = uri.AbsolutePath;
        if (!path.StartsWith("/v2/", StringComparison.Ordinal) || Repository(path[4..]) is not { } repository)
        {
            return [];
        }

        var reads = method == HttpMethod.Get || method == HttpMethod.Head;
        var scopes = new List<string> { Pull(repository, push: !reads) };
        if (method == HttpMethod.Post && QueryValue(uri, "from") is { Length: > 0 } source && source != repository)
        {
            scopes.Add(Pull(source, push: false));
        }

        return scopes;
    }

    public static string Pull(string repository, bool push) => $"repository:{repository}:{(push ? "pull,push" : "pull")}";

    // REPO/manifests/REF, REPO/blobs/..., REPO/tags/list: the name is all before the last such part (names hold slashes).
    private static string? Repository(string rest)
    {
        var end = RepositoryParts.Select(part => rest.LastIndexOf(part, StringComparison.Ordinal)).Max();
        return end > 0 ? Uri.UnescapeDataString(rest[..end]) : null;
    }

    private static string? QueryValue(Uri uri, string name)
    {
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair[..equals] == name)
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return null;
    }
}
