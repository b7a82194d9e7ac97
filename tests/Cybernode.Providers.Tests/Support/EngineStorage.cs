namespace Cybernode.Providers.Tests.Support;

/// <summary>The options that give podman or buildah (and the CLI's own commands on them) a private storage in a test's folder.</summary>
public static class EngineStorage
{
    /// <summary>
    /// Storage in <paramref name="folder"/>, given through CONTAINERS_STORAGE_CONF rather than --root, so
    /// the CLI's own podman and buildah commands see the same storage the same way: a storage made
    /// with --root and then used through storage.conf makes every podman run --rm wait 20 s to exit.
    /// </summary>
    public static ContainersToolOptions OptionsIn(TempFolder folder)
    {
        var config = ContainersConf.WriteTo(folder.Path);
        var storage = folder.Combine("storage.conf");
        File.WriteAllText(storage, $"[storage]\ndriver = \"overlay\"\ngraphroot = \"{folder.Combine("root")}\"\nrunroot = \"{folder.Combine("runroot")}\"\n");
        return new ContainersToolOptions
        {
            ConfigFile = config,
            CacheRoot = folder.Combine("volumes"),
            Environment = new Dictionary<string, string?> { ["CONTAINERS_STORAGE_CONF"] = storage },
        };
    }
}
