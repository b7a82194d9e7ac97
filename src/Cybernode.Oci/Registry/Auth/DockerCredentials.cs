namespace Cybernode.Oci.Registry.Auth;

/// <summary>
/// Where docker keeps each registry's login, resolved as docker resolves it: a helper named for
/// that registry in <c>credHelpers</c>, else the <c>credsStore</c> helper, else <c>auths</c> in the file.
/// </summary>
public sealed class DockerCredentials(DockerConfigFile config)
{
    public DockerConfigFile Config { get; } = config;

    public static async Task<DockerCredentials> LoadAsync(CancellationToken cancellationToken) =>
        new(await DockerConfigFile.LoadAsync(DockerConfigFile.DefaultPath(), cancellationToken));

    /// <summary>The login for <paramref name="registry"/> (host[:port] or URL), or null for anonymous access.</summary>
    public async Task<RegistryCredential?> GetAsync(string registry, CancellationToken cancellationToken)
    {
        var key = RegistryHostKey.Of(registry);
        return HelperFor(key) is { } helper
            ? await helper.GetAsync(key, cancellationToken)
            : Config.AuthFor(key);
    }

    /// <summary>Keeps <paramref name="credential"/> for <paramref name="registry"/>; says where it went.</summary>
    public async Task<string> StoreAsync(string registry, RegistryCredential credential, CancellationToken cancellationToken)
    {
        var key = RegistryHostKey.Of(registry);
        if (HelperFor(key) is { } helper)
        {
            await helper.StoreAsync(key, credential, cancellationToken);
            return helper.Program;
        }

        Config.SetAuth(key, credential);
        await Config.SaveAsync(cancellationToken);
        return Config.Path;
    }

    /// <summary>Forgets the login of <paramref name="registry"/> wherever it is kept; whether there was one.</summary>
    public async Task<bool> EraseAsync(string registry, CancellationToken cancellationToken)
    {
        var key = RegistryHostKey.Of(registry);
        var erased = HelperFor(key) is { } helper && await helper.EraseAsync(key, cancellationToken);

        // A login written in the file before a helper was configured is removed too, as docker does.
        if (Config.RemoveAuth(key))
        {
            await Config.SaveAsync(cancellationToken);
            erased = true;
        }

        return erased;
    }

    private CredentialHelper? HelperFor(string key) =>
        (Config.HelperFor(key) ?? Config.CredsStore) is { } name ? new CredentialHelper(name) : null;
}
