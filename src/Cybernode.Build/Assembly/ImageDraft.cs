using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Assembly;

/// <summary>The image a stage is making, as its instructions change it, before anything is written.</summary>
public sealed class ImageDraft
{
    public static readonly IReadOnlyList<string> DefaultShell = ["/bin/sh", "-c"];

    private ImageDraft(ImageConfiguration baseConfig)
    {
        var config = baseConfig.Config ?? new ContainerConfig();
        Env = [.. config.Env ?? []];
        Labels = new(config.Labels ?? new(), StringComparer.Ordinal);
        ExposedPorts = new(config.ExposedPorts ?? new(), StringComparer.Ordinal);
        Volumes = new(config.Volumes ?? new(), StringComparer.Ordinal);
        WorkingDir = config.WorkingDir;
        User = config.User;
        Cmd = config.Cmd;
        Entrypoint = config.Entrypoint;
        Shell = config.Shell;
        StopSignal = config.StopSignal;
        Healthcheck = config.Healthcheck;
        Author = baseConfig.Author;
        History = [.. baseConfig.History ?? []];
        BaseOnBuild = config.OnBuild ?? [];
    }

    public List<string> Env { get; }

    public SortedDictionary<string, string> Labels { get; }

    public SortedDictionary<string, EmptyObject> ExposedPorts { get; }

    public SortedDictionary<string, EmptyObject> Volumes { get; }

    public string? WorkingDir { get; set; }

    public string? User { get; set; }

    public IReadOnlyList<string>? Cmd { get; set; }

    public bool CmdSetInThisStage { get; set; }

    public IReadOnlyList<string>? Entrypoint { get; set; }

    public IReadOnlyList<string>? Shell { get; set; }

    public string? StopSignal { get; set; }

    public HealthConfig? Healthcheck { get; set; }

    public string? Author { get; set; }

    /// <summary>Triggers inherited from the base image; they run right after FROM and are not passed on.</summary>
    public IReadOnlyList<string> BaseOnBuild { get; }

    public List<string> OnBuild { get; } = [];

    public List<DraftLayer> Layers { get; } = [];

    public List<HistoryEntry> History { get; }

    public IReadOnlyList<string> EffectiveShell => Shell ?? DefaultShell;

    public static ImageDraft Scratch(Platform platform) => new(ImageConfiguration.Empty(platform));

    public static ImageDraft FromImage(ImageConfiguration config, IReadOnlyList<BuiltLayer> layers)
    {
        var draft = new ImageDraft(config);
        draft.Layers.AddRange(layers.Select(l => new DraftLayer(l, null)));
        return draft;
    }

    /// <summary>A copy for a stage that starts FROM another stage.</summary>
    public ImageDraft Fork(Platform platform)
    {
        var copy = new ImageDraft(ToConfig(platform, null, []));
        copy.Layers.AddRange(Layers);
        copy.History.Clear();
        copy.History.AddRange(History);
        copy.OnBuild.Clear();

        return copy;
    }

    public void SetEnv(string name, string value)
    {
        var index = Env.FindIndex(e => e.StartsWith(name + "=", StringComparison.Ordinal));
        var entry = $"{name}={value}";
        if (index >= 0)
        {
            Env[index] = entry;
        }
        else
        {
            Env.Add(entry);
        }
    }

    public Dictionary<string, string> EnvironmentMap()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Env)
        {
            var equals = entry.IndexOf('=');
            if (equals > 0)
            {
                map[entry[..equals]] = entry[(equals + 1)..];
            }
        }

        return map;
    }

    public void AddHistory(DateTimeOffset created, string createdBy, bool emptyLayer) =>
        History.Add(new HistoryEntry { Created = created, CreatedBy = createdBy, Comment = "cybernode", EmptyLayer = emptyLayer ? true : null });

    public ImageConfiguration ToConfig(Platform platform, DateTimeOffset? created, IReadOnlyList<Digest> diffIds) => new()
    {
        Created = created,
        Author = Author,
        Architecture = platform.Architecture,
        Os = platform.Os,
        Variant = platform.Variant,
        Config = new ContainerConfig
        {
            User = string.IsNullOrEmpty(User) ? null : User,
            ExposedPorts = ExposedPorts.Count == 0 ? null : ExposedPorts,
            Env = Env.Count == 0 ? null : Env,
            Entrypoint = Entrypoint,
            Cmd = Cmd,
            Volumes = Volumes.Count == 0 ? null : Volumes,
            WorkingDir = string.IsNullOrEmpty(WorkingDir) ? null : WorkingDir,
            Labels = Labels.Count == 0 ? null : Labels,
            StopSignal = StopSignal,
            Healthcheck = Healthcheck,
            OnBuild = OnBuild.Count == 0 ? null : OnBuild,
            Shell = Shell,
        },
        RootFs = new RootFs(diffIds),
        History = History.Count == 0 ? null : History,
    };
}
