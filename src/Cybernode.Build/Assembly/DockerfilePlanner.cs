using System.Globalization;
using Cybernode.Build.Assembly.Sources;
using Cybernode.Dockerfile.Expansion;
using Cybernode.Dockerfile.Instructions;
using Cybernode.Dockerfile.Syntax;
using Cybernode.Oci.Graph;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Build.Assembly;

/// <summary>
/// Evaluates a Dockerfile as Docker does (ARG and ENV scoping, word expansion, stage by stage) into
/// an <see cref="ImageDraft"/>. It reads file metadata and the store's index but writes nothing, so
/// every mistake in the input is found before the store is touched.
/// </summary>
public sealed class DockerfilePlanner(IImageStore store, AssemblerOptions options)
{
    private const string Scratch = "scratch";

    /// <summary>Many times the largest real Dockerfile; it bounds the memory a hostile one can take.</summary>
    public const long MaxDockerfileSize = 16 * 1024 * 1024;

    /// <summary>The most characters a stage's ENV and ARG values may hold together.</summary>
    public const long MaxVariablesLength = 4 * 1024 * 1024;

    private IImageStore Store { get; } = store;

    private AssemblerOptions Options { get; } = options;

    /// <summary>Plans the image; files of other stages or images that COPY --from needs are unpacked below <paramref name="scratchFolder"/>.</summary>
    public async Task<ImageDraft> PlanAsync(AssemblyRequest request, string scratchFolder, CancellationToken cancellationToken)
    {
        var file = request.DockerfilePath;
        var dockerfile = request.Dockerfile ?? Load(file);
        var run = new PlanRun(this, request, dockerfile.Model, dockerfile.EscapeToken, file, scratchFolder);
        return await run.PlanTargetAsync(cancellationToken);
    }

    public static ParsedDockerfile Load(string file)
    {
        if (!File.Exists(file) && !Directory.Exists(file))
        {
            throw new UserError("no Dockerfile here", file, hint: "a service folder needs a Dockerfile that describes its run image");
        }

        var text = UserFile.ReadText(file, MaxDockerfileSize, "a Dockerfile is a text file in the service folder");
        try
        {
            var ast = DockerfileParser.Parse(text, file);
            return new ParsedDockerfile(DockerfileModel.From(ast), ast.EscapeToken);
        }
        catch (DockerfileSyntaxException e)
        {
            throw FromSyntax(e, file);
        }
    }

    public static UserError FromSyntax(DockerfileSyntaxException e, string file) =>
        new(e.Reason, e.FileName ?? file, e.Line, inner: e)
        {
            Column = e.Column,
            Excerpt = e.SourceLine,
        };

    public static IReadOnlyDictionary<string, string> PlatformArgs(Platform platform)
    {
        var text = platform.ToString();
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TARGETPLATFORM"] = text,
            ["TARGETOS"] = platform.Os,
            ["TARGETARCH"] = platform.Architecture,
            ["TARGETVARIANT"] = platform.Variant ?? "",
            ["BUILDPLATFORM"] = text,
            ["BUILDOS"] = platform.Os,
            ["BUILDARCH"] = platform.Architecture,
            ["BUILDVARIANT"] = platform.Variant ?? "",
        };
    }

    /// <summary>The state of planning one Dockerfile: global args, finished stages.</summary>
    private sealed class PlanRun(DockerfilePlanner planner, AssemblyRequest request, DockerfileModel model, char escapeToken, string file, string scratchFolder)
    {
        private readonly Dictionary<int, ImageDraft> _finished = [];
        private readonly Dictionary<string, ImageFilesystem> _copySources = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<ImageDraft, (ImageFilesystem View, int Applied)> _views = [];
        private readonly HashSet<int> _inProgress = [];
        private readonly ShellLexer _lexer = new(escapeToken);
        private Dictionary<string, string>? _globalArgs;
        private ContextTree? _context;

        private AssemblerOptions Options => planner.Options;

        private AssemblyRequest Request => request;

        private ContextTree Context => _context ??= new ContextTree(request.ContextFolder);

        public async Task<ImageDraft> PlanTargetAsync(CancellationToken cancellationToken)
        {
            var target = model.Stages[^1];
            if (request.TargetStage is { } wanted)
            {
                target = FindStage(wanted) ?? throw new UserError($"no stage named '{wanted}'", file,
                    hint: $"stages here: {string.Join(", ", model.Stages.Select(s => s.Name ?? s.Index.ToString(CultureInfo.InvariantCulture)))}");
            }

            return await PlanStageAsync(target, cancellationToken);
        }

        private Dictionary<string, string> GlobalArgs()
        {
            if (_globalArgs is not null)
            {
                return _globalArgs;
            }

            var scope = new Dictionary<string, string>(PlatformArgs(Options.Platform), StringComparer.Ordinal);
            foreach (var arg in model.GlobalArgs)
            {
                foreach (var definition in arg.Arguments)
                {
                    if (request.BuildArgs.TryGetValue(definition.Name, out var given))
                    {
                        scope[definition.Name] = given;
                    }
                    else if (definition.DefaultValue is { } fallback)
                    {
                        scope[definition.Name] = Expand(fallback, scope, arg);
                    }
                }
            }

            return _globalArgs = scope;
        }

        private Stage? FindStage(string nameOrIndex) =>
            model.Stages.FirstOrDefault(s => string.Equals(s.Name, nameOrIndex, StringComparison.OrdinalIgnoreCase))
            ?? (int.TryParse(nameOrIndex, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < model.Stages.Count
                ? model.Stages[index]
                : null);

        private async Task<ImageDraft> PlanStageAsync(Stage stage, CancellationToken cancellationToken)
        {
            if (_finished.TryGetValue(stage.Index, out var done))
            {
                return done;
            }

            if (!_inProgress.Add(stage.Index))
            {
                throw new UserError($"stage {stage.Name ?? stage.Index.ToString(CultureInfo.InvariantCulture)} depends on itself", file, stage.From.Node.StartLine);
            }

            var draft = await StartStageAsync(stage, cancellationToken);
            var args = new Dictionary<string, string>(StringComparer.Ordinal);
            var evaluator = new InstructionEvaluator(this, stage, draft, args);
            foreach (var trigger in draft.BaseOnBuild)
            {
                foreach (var instruction in ParseTrigger(trigger, stage.From))
                {
                    await evaluator.ApplyAsync(instruction, cancellationToken);
                }
            }

            foreach (var instruction in stage.Instructions)
            {
                await evaluator.ApplyAsync(instruction, cancellationToken);
            }

            _inProgress.Remove(stage.Index);
            _finished[stage.Index] = draft;
            return draft;
        }

        private IReadOnlyList<Instruction> ParseTrigger(string trigger, FromInstruction from)
        {
            try
            {
                return DockerfileModel.From(DockerfileParser.Parse($"FROM {Scratch}\n{trigger}\n", file)).Stages[0].Instructions;
            }
            catch (DockerfileSyntaxException e)
            {
                throw new UserError($"the base image's ONBUILD trigger '{trigger}' cannot be read: {e.Message}", file, from.Node.StartLine);
            }
        }

        private async Task<ImageDraft> StartStageAsync(Stage stage, CancellationToken cancellationToken)
        {
            var from = stage.From;
            var image = Expand(from.Image, GlobalArgs(), from);
            if (string.Equals(image, Scratch, StringComparison.OrdinalIgnoreCase))
            {
                return ImageDraft.Scratch(Options.Platform);
            }

            var earlier = model.Stages.Take(stage.Index).FirstOrDefault(s => string.Equals(s.Name, image, StringComparison.OrdinalIgnoreCase));
            if (earlier is not null)
            {
                return (await PlanStageAsync(earlier, cancellationToken)).Fork(Options.Platform);
            }

            var stored = await ReadStoredImageAsync(image, from, cancellationToken);
            return ImageDraft.FromImage(stored.Config, stored.Manifest.Layers.Zip(stored.Config.RootFs.DiffIds, (d, id) => new BuiltLayer(d, id)).ToList());
        }

        public async Task<PlatformImage> ReadStoredImageAsync(string image, Instruction at, CancellationToken cancellationToken)
        {
            if (!ImageReference.TryParse(image, out _, out var problem) && !Digest.TryParse(image, out _))
            {
                throw new UserError($"'{image}' is not an image reference: {problem}", file, at.Node.StartLine);
            }

            var found = await ImageReader.FindAsync(planner.Store, image, cancellationToken)
                ?? throw new UserError($"image '{image}' is not in the store ({planner.Store.Location})", file, at.Node.StartLine,
                    "build it first if it is a service of this workspace, or bring it in with: cybernode import docker-archive:FILE NAME (or oci:DIR, oci-archive:FILE)");
            return await ImageReader.ReadAsync(planner.Store, found.Manifest, Options.Platform, cancellationToken);
        }

        public string Expand(string word, IReadOnlyDictionary<string, string> scope, Instruction at)
        {
            try
            {
                return _lexer.ProcessWord(word, scope);
            }
            catch (WordExpansionException e)
            {
                throw new UserError(e.Message, file, at.Node.StartLine, "check the quotes and ${...} expressions on this line");
            }
        }

        public UserError ErrorAt(Instruction at, string message, string? hint = null) => new(message, file, at.Node.StartLine, hint);

        /// <summary>The files of a stage as they stand now, to read /etc/passwd and /etc/group for --chown names.</summary>
        public Task<ImageFilesystem> CurrentFilesystemAsync(ImageDraft draft, CancellationToken cancellationToken) =>
            ImageFilesystem.MaterializeAsync("the image being built", planner.Store, [.. draft.Layers],
                Path.Combine(scratchFolder, "own-" + Guid.NewGuid().ToString("N")), cancellationToken);

        /// <summary>The tree of a stage as it stands now (no file contents), which the next COPY or ADD is placed on.</summary>
        public async Task<ImageFilesystem> CurrentTreeAsync(ImageDraft draft, CancellationToken cancellationToken)
        {
            if (_views.TryGetValue(draft, out var known))
            {
                await known.View.ApplyAsync(planner.Store, draft.Layers.Skip(known.Applied), cancellationToken);
                _views[draft] = (known.View, draft.Layers.Count);
                return known.View;
            }

            var view = await ImageFilesystem.MaterializeAsync("the image being built", planner.Store, draft.Layers, null, cancellationToken);
            _views[draft] = (view, draft.Layers.Count);
            return view;
        }

        /// <summary>Records a layer that was placed on the stage's tree already.</summary>
        public void AddPlacedLayer(ImageDraft draft, LayerPlan layer)
        {
            draft.Layers.Add(new PlannedLayer(null, layer));
            _views[draft] = (_views[draft].View, draft.Layers.Count);
        }

        /// <summary>The files COPY --from names: an earlier stage (by name or number) or an image in the store.</summary>
        public async Task<ISourceTree> CopySourceAsync(string from, Stage current, Instruction at, CancellationToken cancellationToken)
        {
            if (_copySources.TryGetValue(from, out var known))
            {
                return known;
            }

            var earlier = model.Stages.Take(current.Index).FirstOrDefault(s => string.Equals(s.Name, from, StringComparison.OrdinalIgnoreCase))
                ?? (int.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.Index ? model.Stages[index] : null);
            IReadOnlyList<PlannedLayer> layers;
            string description;
            if (earlier is not null)
            {
                layers = (await PlanStageAsync(earlier, cancellationToken)).Layers;
                description = $"stage {earlier.Name ?? earlier.Index.ToString(CultureInfo.InvariantCulture)}";
            }
            else
            {
                var image = await ReadStoredImageAsync(from, at, cancellationToken);
                layers = image.Manifest.Layers.Zip(image.Config.RootFs.DiffIds, (d, id) => new PlannedLayer(new BuiltLayer(d, id), null)).ToList();
                description = $"image {from}";
            }

            var folder = Path.Combine(scratchFolder, _copySources.Count.ToString(CultureInfo.InvariantCulture));
            var tree = await ImageFilesystem.MaterializeAsync(description, planner.Store, layers, folder, cancellationToken);
            _copySources[from] = tree;
            return tree;
        }

        /// <summary>Applies one instruction after another to a stage's draft.</summary>
        private sealed class InstructionEvaluator(PlanRun run, Stage stage, ImageDraft draft, Dictionary<string, string> args)
        {
            private DateTimeOffset Created => run.Options.Created;

            /// <summary>What ${...} sees: the stage's ARGs, overridden by ENV of the same name.</summary>
            private Dictionary<string, string> Scope()
            {
                var scope = new Dictionary<string, string>(args, StringComparer.Ordinal);
                foreach (var (name, value) in draft.EnvironmentMap())
                {
                    scope[name] = value;
                }

                return scope;
            }

            private string Expand(string word, Instruction at) => run.Expand(word, Scope(), at);

            // Each word is bounded by the lexer; many lines of large values are bounded here, as every
            // later line's expansion scope and the image config hold them all.
            private void CheckVariablesSize(Instruction at)
            {
                var total = draft.Env.Sum(entry => (long)entry.Length) + args.Sum(pair => (long)pair.Key.Length + pair.Value.Length);
                if (total > MaxVariablesLength)
                {
                    throw run.ErrorAt(at, $"the stage's ENV and ARG values add up to more than {MaxVariablesLength / (1024 * 1024)} Mi characters",
                        "keep large data in files the image holds, not in variables");
                }
            }

            public async Task ApplyAsync(Instruction instruction, CancellationToken cancellationToken)
            {
                var createdBy = instruction.Node.Original.Trim();
                switch (instruction)
                {
                    case ArgInstruction arg:
                        foreach (var definition in arg.Arguments)
                        {
                            if (run.Request.BuildArgs.TryGetValue(definition.Name, out var given))
                            {
                                args[definition.Name] = given;
                            }
                            else if (definition.DefaultValue is { } fallback)
                            {
                                args[definition.Name] = Expand(fallback, arg);
                            }
                            else if (run.GlobalArgs().TryGetValue(definition.Name, out var global))
                            {
                                args[definition.Name] = global;
                            }
                        }

                        CheckVariablesSize(arg);
                        draft.AddHistory(Created, createdBy, emptyLayer: true);
                        break;
                    case EnvInstruction env:
                        // Every pair sees the variables as they were before this line, as in Docker.
                        var envScope = Scope();
                        foreach (var (name, value) in env.Variables)
                        {
                            draft.SetEnv(run.Expand(name, envScope, env), run.Expand(value, envScope, env));
                        }

                        CheckVariablesSize(env);
                        draft.AddHistory(Created, createdBy, emptyLayer: true);
                        break;
                    case LabelInstruction label:
                        var labelScope = Scope();
                        foreach (var (name, value) in label.Variables)
                        {
                            draft.Labels[run.Expand(name, labelScope, label)] = run.Expand(value, labelScope, label);
                        }

                        draft.AddHistory(Created, createdBy, emptyLayer: true);
                        break;
                    case ExposeInstruction expose:
                        foreach (var port in expose.Ports.SelectMany(p => run._lexer.ProcessWords(p, Scope())))
                        {
                            foreach (var normalised in ExposedPort.Normalise(port) ?? throw run.ErrorAt(expose, $"'{port}' is not a port", "write PORT or PORT/tcp or PORT/udp, e.g. EXPOSE 7777"))
                            {
                                draft.ExposedPorts[normalised] = EmptyObject.Instance;
                            }
                        }

                        draft.AddHistory(Created, createdBy, emptyLayer: true);
                        break;
                    case VolumeInstruction volume:
                        foreach (var path in volume.Paths.Select(p => Expand(p, volume)))
                        {
                            if (path.Length == 0)
                            {
                                throw run.ErrorAt(volume, "VOLUME needs a path", "e.g. VOLUME /cyberdata");
                            }

                            draft.Volumes[path] = EmptyObject.Instance;
                        }

                        draft.AddHistory(Created, createdBy, emptyLayer: true);
                        break;
                    case WorkdirInstruction workdir:
                        var folder = Expand(workdir.Path, workdir);
                        draft.WorkingDir = SourcePaths.CleanAbsolute(folder.StartsWith('/') ? folder : SourcePaths.Combine(draft.WorkingDir ?? "/", folder));
                        await AddWorkdirLayerAsync(workdir, draft.WorkingDir, createdBy, cancellationToken);
                        break;
                    case UserInstruction user:
                        draft.User = Expand(user.User, user);
                        draft.AddHistory(Created, createdBy, emptyLayer: true);
                        break;
                    case StopSignalInstruction signal:
                        draft.StopSignal = Expand(signal.Signal, signal);
                        draft.AddHistory(Created, createdBy, emptyLayer: true);
                        break;
                    case ShellInstruction shell:
                        draft.Shell = shell.Words;
                        draft.AddHistory(Created, createdBy, emptyLayer: true);
                        break;
                    case CmdInstruction cmd:
                        draft.Cmd = CommandWords(cmd.Command);
                        draft.CmdSetInThisStage = true;
                        draft.AddHistory(Created, createdBy, emptyLayer: true);
                        break;
                    case EntrypointInstruction entrypoint:
                        draft.Entrypoint = CommandWords(entrypoint.Command);
                        if (!draft.CmdSetInThisStage)
                        {
                            draft.Cmd = null;
                        }

                        draft.AddHistory(Created, createdBy, emptyLayer: true);
                        break;
                    case HealthcheckInstruction health:
                        draft.Healthcheck = HealthConfigFor(health);
                        draft.AddHistory(Created, createdBy, emptyLayer: true);
                        break;
                    case OnbuildInstruction onbuild:
                        draft.OnBuild.Add(onbuild.TriggerText);
                        draft.AddHistory(Created, createdBy, emptyLayer: true);
                        break;
                    case MaintainerInstruction maintainer:
                        draft.Author = maintainer.Name;
                        draft.AddHistory(Created, createdBy, emptyLayer: true);
                        break;
                    case CopyInstruction copy:
                        await PlanCopyAsync(copy, createdBy, cancellationToken);
                        break;
                    case RunInstruction:
                        throw run.ErrorAt(instruction, "RUN needs a container to execute in, and the in-process assembler has none",
                            "move the step into the service's 01build.sh (its output lands in bin/), or build run images on the container engine: add --assembler engine (with --provider docker, podman or buildah to pick it)");
                    default:
                        throw run.ErrorAt(instruction, $"{instruction.Node.Keyword.ToUpperInvariant()} is not supported by the in-process assembler");
                }
            }

            private IReadOnlyList<string> CommandWords(CommandLine command) =>
                command.IsExecForm ? command.Words : [.. draft.EffectiveShell, string.Join(' ', command.Words)];

            private HealthConfig HealthConfigFor(HealthcheckInstruction health)
            {
                if (health.IsNone)
                {
                    return new HealthConfig { Test = ["NONE"] };
                }

                long? Duration(string? text, string flag)
                {
                    if (text is null)
                    {
                        return null;
                    }

                    return GoDuration.ParseSeconds(text) is { } seconds
                        ? (long)Math.Round(seconds * 1e9)
                        : throw run.ErrorAt(health, $"--{flag}={text} is not a duration", $"write e.g. --{flag}=30s or 1m30s");
                }

                var test = health.Test!;
                return new HealthConfig
                {
                    Test = test.IsExecForm ? ["CMD", .. test.Words] : ["CMD-SHELL", string.Join(' ', test.Words)],
                    Interval = Duration(health.Interval, "interval"),
                    Timeout = Duration(health.Timeout, "timeout"),
                    StartPeriod = Duration(health.StartPeriod, "start-period"),
                    StartInterval = Duration(health.StartInterval, "start-interval"),
                    Retries = health.Retries,
                };
            }

            private async Task AddWorkdirLayerAsync(WorkdirInstruction workdir, string folder, string createdBy, CancellationToken cancellationToken)
            {
                // BuildKit makes the WORKDIR folder as mkdir -p does, through the image's links; a layer
                // holds only the folders that did not exist yet.
                var image = await run.CurrentTreeAsync(draft, cancellationToken);
                var (resolved, blocker) = image.ResolvePath(folder, followLast: true);
                var existing = image.Find(resolved);
                if (blocker is not null || existing is { Type: not TarEntryType.Directory })
                {
                    throw run.ErrorAt(workdir, $"WORKDIR {folder}: '/{blocker ?? resolved}' is a file in the image, not a folder",
                        "choose another working folder, or remove the file in an earlier stage");
                }

                if (existing is not null)
                {
                    draft.AddHistory(Created, createdBy, emptyLayer: true);
                    return;
                }

                var made = new PlannedEntry(new TarEntryHeader(resolved + "/", TarEntryType.Directory, 493, 0, 0, run.Options.SourceDateEpoch), null);
                run.AddPlacedLayer(draft, await LayerResolver.ResolveAsync(image, new CopyPlan([made], []), run.Options.SourceDateEpoch, cancellationToken));
                draft.AddHistory(Created, createdBy, emptyLayer: false);
            }

            private async Task PlanCopyAsync(CopyInstruction copy, string createdBy, CancellationToken cancellationToken)
            {
                var keyword = copy.IsAdd ? "ADD" : "COPY";
                if (copy.Heredocs.Count > 0)
                {
                    throw run.ErrorAt(copy, $"{keyword} with a heredoc is not supported by the in-process assembler yet", "put the content in a file of the build context");
                }

                if (copy.Excludes.Count > 0 || copy.Parents)
                {
                    throw run.ErrorAt(copy, $"{keyword} --exclude and --parents are not supported by the in-process assembler yet", "list the sources to copy explicitly");
                }

                var tree = copy.From is null ? run.Context : await run.CopySourceAsync(Expand(copy.From, copy), stage, copy, cancellationToken);
                var sources = copy.Sources.Select(s => Expand(s, copy)).ToList();
                if (copy.IsAdd && copy.From is null && sources.FirstOrDefault(s => s.Contains("://", StringComparison.Ordinal) || s.StartsWith("git@", StringComparison.Ordinal)) is { } url)
                {
                    throw run.ErrorAt(copy, $"ADD {url}: cybernode builds offline and does not download sources",
                        "download the file in 01build.sh (into bin/) and ADD it from there");
                }

                var destination = Expand(copy.Destination, copy);
                if (!destination.StartsWith('/'))
                {
                    var absolute = SourcePaths.Combine(draft.WorkingDir ?? "/", destination);
                    destination = destination.EndsWith('/') || destination is "." ? absolute.TrimEnd('/') + "/" : absolute;
                }

                int? uid = null, gid = null, mode = null;
                try
                {
                    if (copy.Chown is { } chown)
                    {
                        (uid, gid) = await OwnerResolver.ResolveAsync(Expand(chown, copy), () => run.CurrentFilesystemAsync(draft, cancellationToken));
                    }

                    if (copy.Chmod is { } chmod)
                    {
                        mode = CopyPlanner.ParseMode(Expand(chmod, copy));
                    }

                    var image = await run.CurrentTreeAsync(draft, cancellationToken);
                    var copyPlan = CopyPlanner.Plan(new CopyPlanner.CopyRequest(image, tree, sources, destination, copy.IsAdd, uid, gid, mode, run.Options.SourceDateEpoch));
                    var plan = await LayerResolver.ResolveAsync(image, copyPlan, run.Options.SourceDateEpoch, cancellationToken);
                    run.AddPlacedLayer(draft, plan);
                }
                catch (SourceResolutionException e)
                {
                    throw run.ErrorAt(copy, $"{keyword}: {e.Message}", e.Hint);
                }

                draft.AddHistory(Created, createdBy, emptyLayer: false);
            }
        }
    }
}
