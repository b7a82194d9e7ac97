using System.CommandLine;
using Cybernode.Build;
using Cybernode.Build.Assembly;
using Cybernode.Cli.Output;
using Cybernode.Cli.Output.Reports;
using Cybernode.Dockerfile.Lint;
using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Cli.Commands;

/// <summary><c>cybernode dockerfile dump FILE</c> and <c>lint FILE|FOLDER</c>: the front end on its own.</summary>
public static class DockerfileCommand
{
    public static Command Create() => new("dockerfile", "Read Dockerfiles as BuildKit does, without building")
    {
        Dump(),
        Lint(),
    };

    private static Command Dump()
    {
        var file = new Argument<string>("FILE") { Description = "The Dockerfile" };
        var command = new Command("dump", "Print the parse, one instruction a line, in BuildKit's test format") { file };
        command.SetAction(parse =>
        {
            var ast = Parse(parse.GetValue(file)!);
            Console.Out.Write(DockerfileDump.Format(ast));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Lint()
    {
        var file = new Argument<string>("FILE") { Description = $"The Dockerfile, or a folder: then its files named {DockerfilesInFolder.Names}" };
        var strict = new Option<bool>("--strict") { Description = "Exit 1 when there is any warning" };
        var json = CommonOptions.Json();
        var command = new Command("lint", "Warn about common mistakes, under BuildKit's check names") { file, strict, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var files = Directory.Exists(path) ? DockerfilesInFolder.Find(path) : [path];
            var findings = files.SelectMany(f => DockerfileLinter.Lint(Parse(f), f)).ToList();
            if (parse.GetValue(json))
            {
                JsonOutput.Write(Console.Out, new LintReport(path, [.. findings.Select(w => new LintFinding(w.FileName!, w.Check, w.Line, w.Message, w.IsError))]));
            }
            else
            {
                WriteFindings(files, findings);
            }

            var failed = findings.Any(w => w.IsError) || (parse.GetValue(strict) && findings.Count > 0);
            return failed ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    // A file with nothing to report says so, so that silence is never mistaken for "not read".
    private static void WriteFindings(IReadOnlyList<string> files, IReadOnlyList<LintWarning> findings)
    {
        foreach (var path in files)
        {
            var own = findings.Where(w => w.FileName == path).ToList();
            own.ForEach(w => Console.Out.WriteLine(w.ToString()));
            if (own.Count == 0)
            {
                Console.Out.WriteLine($"{path}: no problems found");
            }
        }
    }

    /// <summary>Parses only: dump shows the syntax even of files no build would accept.</summary>
    private static DockerfileAst Parse(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserError(Directory.Exists(path) ? "is a folder, not a Dockerfile" : "no such file", path, hint: "give the path of a Dockerfile");
        }

        try
        {
            return DockerfileParser.Parse(UserFile.ReadText(path, ImageDrafter.MaxDockerfileSize, "give the path of a Dockerfile"), path);
        }
        catch (DockerfileSyntaxException e)
        {
            throw ImageDrafter.FromSyntax(e, path);
        }
    }
}
