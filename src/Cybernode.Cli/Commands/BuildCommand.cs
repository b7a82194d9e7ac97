using System.CommandLine;
using System.CommandLine.Parsing;
using Cybernode.Build;
using Cybernode.Build.Assembly;
using Cybernode.Build.Bases;
using Cybernode.Build.Planning;
using Cybernode.Build.Publishing;
using Cybernode.Build.Reporting;
using Cybernode.Build.Reporting.Events;
using Cybernode.Build.Secrets;
using Cybernode.Build.Tagging;
using Cybernode.Build.Workspaces;
using Cybernode.Cli.Output;
using Cybernode.Cli.Output.Progress;
using Cybernode.Cli.Output.Reports;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Registry;
using Cybernode.Oci.Store;
using Cybernode.Providers;
using Cybernode.Providers.Selection;

namespace Cybernode.Cli.Commands;

public static class BuildCommand
{
    public const string WorkspaceArgument = "WORKSPACE";
    private const string InProcess = "in-process";
    private const string Engine = "engine";

    // More slots than this only costs memory: a build never runs that many services at once.
    private const int MaxJobs = 1024;

    public static Command Create()
    {
        var workspace = new Argument<string>(WorkspaceArgument)
        {
            Description = "What to build: a workspace, a folder in one (its services), or a service name; the workspace is the nearest folder at or above it holding cybernode.yaml or .cybernode/",
            DefaultValueFactory = _ => ".",
        };
        var services = new Argument<string[]>("SERVICE") { Description = "Services to build (with what they need); default all", Arity = ArgumentArity.ZeroOrMore };
        var json = CommonOptions.Json();
        var store = CommonOptions.Store();
        var buildArgs = new Option<string[]>("--build-arg")
        {
            Description = "Set a build-time variable, KEY=VALUE (KEY alone takes it from the environment)",
            AllowMultipleArgumentsPerToken = false,
        };
        var compression = new Option<string>("--compression")
        {
            Description = "Layer compression: gzip, zstd or none",
            DefaultValueFactory = _ => "gzip",
        };
        compression.AcceptOnlyFromAmong("gzip", "zstd", "none");
        var target = new Option<string?>("--target") { Description = "Build this stage of the (one) named service's Dockerfile instead of the last" };
        var provider = new Option<string>("--provider")
        {
            Description = "The container engine for Dockerfile-build and --assembler engine: auto (the first that works, in cybernode.yaml's providers: order), docker, podman or buildah",
            DefaultValueFactory = _ => ProviderSelector.Auto,
        };
        provider.AcceptOnlyFromAmong([ProviderSelector.Auto, .. ProviderSettings.DefaultOrder]);
        var assembler = new Option<string>("--assembler")
        {
            Description = "Who makes the run image from Dockerfile: in-process (no engine) or engine (the selected provider; allows RUN)",
            DefaultValueFactory = _ => InProcess,
        };
        assembler.AcceptOnlyFromAmong(InProcess, Engine);
        // No DefaultValueFactory: help would print this machine's core count as if it were the rule.
        var jobs = new Option<int?>("--jobs", "-j")
        {
            Description = "How many services may build at once (those that need each other still wait); default: the number of cores",
            CustomParser = result => OptionValues.WholeNumber(result, "--jobs", 1, MaxJobs),
        };
        var tags = new Option<string[]>("--tag")
        {
            Description = "Also name each built image NAMESPACE/SERVICE:TAG (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the engine commands the build would run, in build order; build nothing" };
        var noWait = new Option<bool>("--no-wait")
        {
            Description = "A service that another build of this workspace is building fails at once instead of waiting for that build",
        };
        var secrets = new Option<BuildSecret[]>(SecretSpec.Option)
        {
            Description = "Give the build stage a secret, as BuildKit spells it: id=NAME,src=FILE or id=NAME,env=VARIABLE (repeatable). "
                + "RUN --mount=type=secret,id=NAME in Dockerfile-build and the build run read it at /run/secrets/NAME, 01build.sh at $CYBERNODE_SECRETS/NAME; "
                + "it stays out of images, logs and output. Engines leave a secret's content out of their layer cache: after changing one, build with --no-cache",
            AllowMultipleArgumentsPerToken = false,
            CustomParser = ParseSecrets,
        };
        var noCache = new Option<bool>("--no-cache")
        {
            Description = "Run every build stage even when the build cache has its result, and build Dockerfile-build without the engine's layer cache (the way to rebuild with a changed secret)",
        };
        var noCacheFilter = new Option<string[]>("--no-cache-filter")
        {
            Description = "Run this service's build stage even when the build cache has its result (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var explain = new Option<bool>("--explain") { Description = "Say per service why it was built (which file, build arg, variable or image changed) or that it was cached" };
        var progress = new Option<string>("--progress")
        {
            Description = "What the console shows: auto (tty on a terminal, else the steps, their output and results line by line), "
                + "tty (a live line per running service, then a table), plain (every line, the engines' own messages too), "
                + "json (one JSON object per build event) or quiet (failures and the summary); logs get everything",
            DefaultValueFactory = _ => "auto",
        };
        progress.AcceptOnlyFromAmong("auto", "tty", "plain", "json", "quiet");
        var pull = BasePulling.PullOption();
        var push = new Option<bool>("--push")
        {
            Description = "Then publish the built images to the registry (--registry, or registry: in cybernode.yaml) all-or-nothing, as cybernode publish does: if any service fails to build, no tag moves",
        };
        var registry = PublishOptions.Registry();

        var command = new Command("build", "Build the services of a workspace: build stage, then run image into the store")
        {
            workspace, services, json, store, buildArgs, compression, target, provider, assembler, tags, jobs, dryRun, noWait, secrets, noCache, noCacheFilter, explain, progress, pull, push, registry,
        };
        command.Validators.Add(result =>
        {
            // Whether it was given, not its value: a malformed value has its own error already.
            if (result.GetResult(registry) is not null && !result.GetValue(push))
            {
                result.AddError($"{PublishOptions.RegistryOption} says where --push sends the images: add --push");
            }

            if (result.GetValue(push) && result.GetValue(dryRun))
            {
                result.AddError("--push and --dry-run do not go together: --dry-run builds nothing to push");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                var selection = WorkspaceSelection.Resolve(parse.GetValue(workspace), parse.GetValue(services) ?? [], Environment.CurrentDirectory);

                // Folders that make no valid name fail on their own; the rest still builds.
                var (loaded, rest, rejected, nothingElse) = selection;
                var options = new BuildOptions(
                    CommonOptions.ResolveStore(parse.GetValue(store), loaded.Root),
                    new AssemblerOptions(
                        Compression.Parse(parse.GetValue(compression)!),
                        AssemblerOptions.ReadSourceDateEpoch(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH")),
                        Platform.Current),
                    ParseBuildArgs(parse.GetValue(buildArgs) ?? []),
                    rest,
                    parse.GetValue(target))
                {
                    Provider = parse.GetValue(provider)!,
                    RunImageAssembler = parse.GetValue(assembler) == Engine ? AssemblerKind.Engine : AssemblerKind.InProcess,
                    Tags = parse.GetValue(tags) ?? [],
                    Jobs = parse.GetValue(jobs) ?? Environment.ProcessorCount,
                    NoWait = parse.GetValue(noWait),
                    Secrets = parse.GetValue(secrets) ?? [],
                    NoCache = parse.GetValue(noCache),
                    NoCacheFilter = parse.GetValue(noCacheFilter) ?? [],
                    Pull = BasePulling.Policy(parse.GetValue(pull)!),
                    TagDate = TagValues.BuildDate(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), DateTimeOffset.UtcNow),
                };
                foreach (var secret in options.Secrets)
                {
                    SecretValues.Check(secret, Environment.GetEnvironmentVariable);
                }

                // Where the images go is checked before anything is built.
                var publishTarget = parse.GetValue(push) ? PublishOptions.Target(parse.GetValue(registry), loaded.Settings) : null;
                var warnings = Warnings(selection, options);
                warnings.ForEach(w => Console.Error.WriteLine($"warning: {w.Describe()}"));

                if (parse.GetValue(dryRun))
                {
                    var plan = nothingElse ? null : await WorkspaceDryRun.PlanAsync(loaded, options, Environment.CurrentDirectory, cancellationToken);
                    WritePlan(plan, rejected, warnings, asJson);
                    return rejected.Count == 0 && plan?.Services.All(s => s.MissingBases.Count == 0) != false ? ExitCodes.Success : ExitCodes.Failure;
                }

                var mode = ResolveProgress(parse.GetValue(progress)!, asJson);
                var moves = new BaseMoves();
                List<ServiceResult> results;
                await using (var view = ProgressViews.Create(mode, asJson ? Console.Error : Console.Out, Console.Error, Environment.GetEnvironmentVariable("NO_COLOR")))
                {
                    var refused = rejected.Select(r => r.ToResult()).ToList();
                    refused.ForEach(r => view.Report(new ServiceFinished(r)));
                    results = [.. refused.Concat(nothingElse ? [] : await BasePulling.BuildAsync(new EventFanOut(view, moves), loaded, options, cancellationToken))];
                }

                // One JSON object per line stays so: --progress json's build-finished event has the summary.
                if (!asJson && mode != ProgressMode.Json)
                {
                    if (parse.GetValue(explain))
                    {
                        results.ForEach(r => Console.Out.WriteLine(BuildSummary.Explanation(r)));
                    }

                    Console.Out.WriteLine(BuildSummary.Line(results, clock.Elapsed, options.StorePath));
                }

                var published = publishTarget is null ? null : await PushAsync(loaded, results, options.StorePath, publishTarget, cancellationToken);
                if (asJson)
                {
                    JsonOutput.Write(Console.Out, new BuildReport(loaded.Root, options.StorePath, [.. results.Select(r => new ServiceReport(
                        r.Name, r.Image, r.Digest?.ToString(), r.Status.ToString().ToLowerInvariant(), r.Error, Math.Round(r.Duration.TotalSeconds, 3)) { Reason = r.Reason })])
                    {
                        Warnings = WarningReport.From(warnings),
                        Bases = moves.All,
                        Publish = published is null ? null : PublishReport.From(published),
                    });
                }
                else if (published is not null)
                {
                    PublishSummary.Write(published, Console.Out, Console.Error);
                }

                var built = results.All(r => r.Status is ServiceStatus.Built or ServiceStatus.Cached);
                return built && published?.Succeeded != false ? ExitCodes.Success : ExitCodes.Failure;
            }
            catch (UserError e) when (asJson)
            {
                // Whoever reads --json gets a document even when the build could not start.
                JsonOutput.Write(Console.Out, new BuildFailureReport(e.Describe(), []));
                throw;
            }
        });
        return command;
    }

    /// <summary>--progress as given, auto resolved: the live view where progress goes to a terminal that can redraw it.</summary>
    private static ProgressMode ResolveProgress(string value, bool asJson) => ProgressTerminal.Resolve(
        Enum.Parse<ProgressMode>(value, ignoreCase: true),
        asJson ? !Console.IsErrorRedirected : !Console.IsOutputRedirected,
        Environment.GetEnvironmentVariable("TERM"));

    /// <summary>
    /// build --push: the images just built, all-or-nothing. A service that failed or was skipped
    /// holds the whole cluster back after the blobs, so no tag moves.
    /// </summary>
    private static async Task<PublishResult> PushAsync(Workspace workspace, IReadOnlyList<ServiceResult> results, string storePath, RegistryTarget target, CancellationToken cancellationToken)
    {
        using var store = await OciLayoutStore.OpenAsync(storePath, cancellationToken);
        var selection = await PublishSelection.FromBuildAsync(store, workspace, results, target, cancellationToken);
        return await ClusterPublishing.PublishAsync(store, selection, target, workspace.Settings, cancellationToken);
    }

    /// <summary>Folders that look like services but are not built, and FROM lines naming a service under an old namespace.</summary>
    private static List<UserError> Warnings(WorkspaceSelection selection, BuildOptions options)
    {
        var workspace = selection.Workspace;
        var picked = selection.Services.Count == 0 && !selection.NothingElse
            ? workspace.Services
            : selection.Services.Select(workspace.FindService).OfType<Service>();
        return [.. workspace.Warnings, .. StaleNamespaceCheck.Find(workspace, picked, new Dockerfiles(options.BuildArgs, options.Assembler.Platform))];
    }

    private static void WritePlan(BuildPlan? plan, IReadOnlyList<RejectedService> rejected, IReadOnlyList<UserError> warnings, bool asJson)
    {
        var planned = plan?.Services ?? [];
        if (asJson)
        {
            JsonOutput.Write(Console.Out, new PlanReport(plan?.Provider, [.. (plan?.Pulls ?? []).Select(PlannedPullReport.From)], [
                .. rejected.Select(r => new PlannedServiceReport(r.DisplayName, null, [], r.Error.Describe())),
                .. planned.Select(s => new PlannedServiceReport(s.Name, s.Image, [.. s.Commands.Select(c => new PlannedCommandReport(c.CommandText, c.Note))], MissingBases(s))),
            ])
            {
                Warnings = WarningReport.From(warnings),
            });
        }
        else if (plan is not null)
        {
            Console.Out.WriteLine(plan.Provider is null
                ? "# the build (no container engine needed), service by service in build order"
                : $"# the build with {plan.Provider}, service by service in build order");
            foreach (var step in plan.Pulls)
            {
                Console.Out.WriteLine($"# {PlannedPullReport.Describe(step)}");
            }

            foreach (var service in planned)
            {
                Console.Out.WriteLine();
                Console.Out.WriteLine($"# {service.Name}: {service.Image}");
                foreach (var command in service.Commands)
                {
                    Console.Out.WriteLine(command.ShellText);
                }
            }
        }

        foreach (var service in rejected)
        {
            Console.Error.WriteLine($"[{service.DisplayName}] FAILED\n{service.Error.Describe()}");
        }

        // As terraform plan does with errors: the plan is printed, the bases it would miss too, and the exit code is 1.
        foreach (var service in planned.Where(s => s.MissingBases.Count > 0))
        {
            Console.Error.WriteLine($"[{service.Name}] would fail: missing base images\n{MissingBases(service)}");
        }
    }

    private static string? MissingBases(ServicePlan service) =>
        service.MissingBases.Count == 0 ? null : string.Join('\n', service.MissingBases.Select(e => e.Describe()));

    /// <summary>Each --secret as BuildKit reads it; a malformed one or an id given twice is a wrong command line (exit 2).</summary>
    private static BuildSecret[] ParseSecrets(ArgumentResult result)
    {
        var parsed = new List<BuildSecret>();
        foreach (var token in result.Tokens)
        {
            try
            {
                var secret = SecretSpec.Parse(token.Value, Environment.GetEnvironmentVariable, Environment.CurrentDirectory);
                if (parsed.Any(s => s.Id == secret.Id))
                {
                    result.AddError($"{SecretSpec.Option}: the id '{secret.Id}' is given twice");
                    return [];
                }

                parsed.Add(secret);
            }
            catch (FormatException e)
            {
                result.AddError(e.Message);
                return [];
            }
        }

        return [.. parsed];
    }

    private static Dictionary<string, string> ParseBuildArgs(IEnumerable<string> values)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=');
            if (equals == 0)
            {
                throw new UserError($"--build-arg '{value}' has no name", hint: "write --build-arg NAME=VALUE");
            }

            if (equals < 0)
            {
                // docker build takes a bare NAME from the environment, and skips it when unset.
                if (Environment.GetEnvironmentVariable(value) is { } fromEnvironment)
                {
                    args[value] = fromEnvironment;
                }

                continue;
            }

            args[value[..equals]] = value[(equals + 1)..];
        }

        return args;
    }
}
