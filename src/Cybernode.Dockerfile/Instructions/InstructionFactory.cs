using System.Globalization;
using System.Text.RegularExpressions;
using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Instructions;

/// <summary>
/// Checks one parsed node and builds its typed instruction, with the argument counts, flags
/// and messages of BuildKit's <c>instructions</c> package.
/// </summary>
internal sealed partial class InstructionFactory(string? fileName)
{
    // HEALTHCHECK durations below this are rejected (Docker's container.MinimumDuration).
    private const double MinimumDurationSeconds = 0.001;

    public Instruction Create(InstructionNode node) => Create(node, node);

    public DockerfileSyntaxException Error(InstructionNode node, string reason) =>
        new(reason, fileName, node.StartLine, 1, node.Original);

    [GeneratedRegex("^[a-z][a-z0-9-_.]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidStageName();

    [GeneratedRegex(@"^\s*ONBUILD\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OnbuildPrefix();

    // `located` is the node errors are reported against: the ONBUILD line for a trigger.
    private Instruction Create(InstructionNode node, InstructionNode located)
    {
        return node.Keyword switch
        {
            "from" => (Instruction)CreateFrom(node, located),
            "copy" => CreateCopy(node, located, isAdd: false),
            "add" => CreateCopy(node, located, isAdd: true),
            "env" => new EnvInstruction(node, Pairs(node, located, "ENV")),
            "label" => new LabelInstruction(node, Pairs(node, located, "LABEL")),
            "arg" => CreateArg(node, located),
            "run" => CreateRun(node, located),
            "cmd" => new CmdInstruction(node, Command(node, located, new FlagSet())),
            "entrypoint" => new EntrypointInstruction(node, Command(node, located, new FlagSet())),
            "expose" => new ExposeInstruction(node, AtLeastOne(node, located, "EXPOSE")),
            "volume" => CreateVolume(node, located),
            "workdir" => new WorkdirInstruction(node, ExactlyOne(node, located, "WORKDIR")),
            "user" => new UserInstruction(node, ExactlyOne(node, located, "USER")),
            "stopsignal" => new StopSignalInstruction(node, ExactlyOne(node, located, "STOPSIGNAL")),
            "maintainer" => new MaintainerInstruction(node, ExactlyOne(node, located, "MAINTAINER")),
            "shell" => CreateShell(node, located),
            "healthcheck" => CreateHealthcheck(node, located),
            "onbuild" => CreateOnbuild(node, located),
            _ => throw Error(located, "unknown instruction: " + node.KeywordAsWritten),
        };
    }

    private FlagSet Flags(InstructionNode node, InstructionNode located, FlagSet accepted)
    {
        var error = accepted.Parse(node.Flags);
        return error is null ? accepted : throw Error(located, error);
    }

    private FromInstruction CreateFrom(InstructionNode node, InstructionNode located)
    {
        var args = node.Arguments;
        string? stageName = null;
        if (args.Count == 3 && string.Equals(args[1], "as", StringComparison.OrdinalIgnoreCase))
        {
            stageName = args[2].ToLowerInvariant();
            if (!ValidStageName().IsMatch(stageName))
            {
                throw Error(located, $"invalid name for build stage: {GoQuote.Quote(args[2])}, name can't start with a number or contain symbols");
            }
        }
        else if (args.Count != 1)
        {
            throw Error(located, "FROM requires either one or three arguments");
        }

        var flags = Flags(node, located, new FlagSet().String("platform"));
        return new FromInstruction(node, args[0], stageName, flags.Value("platform"));
    }

    private CopyInstruction CreateCopy(InstructionNode node, InstructionNode located, bool isAdd)
    {
        var name = isAdd ? "ADD" : "COPY";
        var args = node.Arguments;
        if (args.Count < 2)
        {
            throw Error(located, $"{name} requires at least two arguments, but only one was provided. Destination could not be determined");
        }

        var accepted = new FlagSet().String("chown").String("chmod").Bool("link").List("exclude");
        if (isAdd)
        {
            accepted.Bool("keep-git-dir").String("checksum");
        }
        else
        {
            accepted.String("from").Bool("parents");
        }

        var flags = Flags(node, located, accepted);
        var destination = args[^1];
        if (HeredocMarker.Parse(destination, out _) is not null)
        {
            throw Error(located, $"{name} cannot accept a heredoc as a destination");
        }

        var sources = new List<string>();
        var heredocs = new List<Heredoc>();
        foreach (var source in args.Take(args.Count - 1))
        {
            if (HeredocMarker.Parse(source, out _) is { } marker)
            {
                heredocs.Add(node.Heredocs.FirstOrDefault(h => h.Name == marker.Name)
                    ?? new Heredoc(marker.Name, string.Empty, marker.Expand, marker.Chomp));
            }
            else
            {
                sources.Add(source);
            }
        }

        return new CopyInstruction(
            node,
            isAdd,
            sources,
            destination,
            flags.Value("from"),
            flags.Value("chown"),
            flags.Value("chmod"),
            flags.IsSet("link"),
            flags.Values("exclude"),
            flags.IsSet("parents"),
            flags.IsSet("keep-git-dir"),
            flags.Value("checksum"),
            heredocs);
    }

    private List<KeyValuePair<string, string>> Pairs(InstructionNode node, InstructionNode located, string name)
    {
        Flags(node, located, new FlagSet());
        var args = node.Arguments;
        if (args.Count == 0)
        {
            throw Error(located, $"{name} requires at least one argument");
        }

        if (args.Count % 3 != 0)
        {
            throw Error(located, $"Bad input to {name}, too many arguments");
        }

        var pairs = new List<KeyValuePair<string, string>>(args.Count / 3);
        for (var i = 0; i < args.Count; i += 3)
        {
            if (args[i].Length == 0)
            {
                throw Error(located, $"{name} names can not be blank");
            }

            pairs.Add(new KeyValuePair<string, string>(args[i], args[i + 1]));
        }

        return pairs;
    }

    private ArgInstruction CreateArg(InstructionNode node, InstructionNode located)
    {
        Flags(node, located, new FlagSet());
        if (node.Arguments.Count == 0)
        {
            throw Error(located, "ARG requires at least one argument");
        }

        var definitions = new List<ArgDefinition>(node.Arguments.Count);
        foreach (var word in node.Arguments)
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq == 0)
            {
                throw Error(located, "ARG names can not be blank");
            }

            definitions.Add(eq < 0 ? new ArgDefinition(word, null) : new ArgDefinition(word[..eq], word[(eq + 1)..]));
        }

        return new ArgInstruction(node, definitions);
    }

    private RunInstruction CreateRun(InstructionNode node, InstructionNode located)
    {
        var flags = new FlagSet().List("mount").String("network").String("security");
        var command = Command(node, located, flags);
        if (command.Words.Count == 0 && !command.IsExecForm)
        {
            throw Error(located, "RUN requires at least one argument");
        }

        return new RunInstruction(node, command, flags.Values("mount"), flags.Value("network"), flags.Value("security"));
    }

    private CommandLine Command(InstructionNode node, InstructionNode located, FlagSet accepted)
    {
        Flags(node, located, accepted);
        return new CommandLine(node.Arguments, node.IsJsonForm);
    }

    private List<string> AtLeastOne(InstructionNode node, InstructionNode located, string name)
    {
        Flags(node, located, new FlagSet());
        return node.Arguments.Count == 0
            ? throw Error(located, $"{name} requires at least one argument")
            : [.. node.Arguments];
    }

    private string ExactlyOne(InstructionNode node, InstructionNode located, string name)
    {
        if (node.Arguments.Count != 1)
        {
            throw Error(located, $"{name} requires exactly one argument");
        }

        Flags(node, located, new FlagSet());
        return node.Arguments[0];
    }

    private VolumeInstruction CreateVolume(InstructionNode node, InstructionNode located)
    {
        var paths = AtLeastOne(node, located, "VOLUME");
        if (paths.Any(p => p.Trim().Length == 0))
        {
            throw Error(located, "VOLUME specified can not be an empty string");
        }

        return new VolumeInstruction(node, paths);
    }

    private ShellInstruction CreateShell(InstructionNode node, InstructionNode located)
    {
        Flags(node, located, new FlagSet());
        if (node.Arguments.Count == 0)
        {
            throw Error(located, "SHELL requires at least one argument");
        }

        if (!node.IsJsonForm)
        {
            throw Error(located, "SHELL requires the arguments to be in JSON form");
        }

        return new ShellInstruction(node, node.Arguments);
    }

    private HealthcheckInstruction CreateHealthcheck(InstructionNode node, InstructionNode located)
    {
        var args = node.Arguments;
        if (args.Count == 0)
        {
            throw Error(located, "HEALTHCHECK requires at least one argument");
        }

        var type = args[0].ToUpperInvariant();
        if (type == "NONE")
        {
            // BuildKit does not look at flags here; they are ignored, not rejected.
            return args.Count == 1
                ? new HealthcheckInstruction(node, true, null, null, null, null, null, null)
                : throw Error(located, "HEALTHCHECK NONE takes no arguments");
        }

        var flags = Flags(
            node,
            located,
            new FlagSet().String("interval").String("timeout").String("start-period").String("start-interval").String("retries"));
        if (type != "CMD")
        {
            throw Error(located, $"Unknown type {GoQuote.Quote(type)} in HEALTHCHECK (try CMD)");
        }

        var command = args.Skip(1).ToList();
        if (command.Count == 0)
        {
            throw Error(located, "Missing command after HEALTHCHECK CMD");
        }

        foreach (var name in (string[])["interval", "timeout", "start-period", "start-interval"])
        {
            CheckInterval(flags.Value(name), name, located);
        }

        int? retries = null;
        if (flags.Value("retries") is { Length: > 0 } text)
        {
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                throw Error(located, $"strconv.ParseInt: parsing {GoQuote.Quote(text)}: invalid syntax");
            }

            retries = value >= 0 ? value : throw Error(located, $"--retries cannot be negative ({value})");
        }

        return new HealthcheckInstruction(
            node,
            false,
            new CommandLine(command, node.IsJsonForm),
            flags.Value("interval"),
            flags.Value("timeout"),
            flags.Value("start-period"),
            flags.Value("start-interval"),
            retries);
    }

    private void CheckInterval(string? value, string name, InstructionNode located)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var seconds = GoDuration.ParseSeconds(value) ?? throw Error(located, $"time: invalid duration {GoQuote.Quote(value)}");
        if (seconds != 0 && seconds < MinimumDurationSeconds)
        {
            throw Error(located, $"Interval {GoQuote.Quote(name)} cannot be less than 1ms");
        }
    }

    private OnbuildInstruction CreateOnbuild(InstructionNode node, InstructionNode located)
    {
        Flags(node, located, new FlagSet());
        if (node.Inner is null)
        {
            throw Error(located, "ONBUILD requires at least one argument");
        }

        var inner = Create(node.Inner, located);
        var trigger = OnbuildPrefix().Replace(node.Original, string.Empty, 1);
        foreach (var heredoc in node.Heredocs)
        {
            trigger += "\n" + heredoc.Content + heredoc.Name;
        }

        return new OnbuildInstruction(node, inner, trigger);
    }
}
