using System.CommandLine;
using Cybernode.Build;
using Cybernode.Build.Assembly;
using Cybernode.Cli.Output;
using Cybernode.Cli.Output.Reports;
using Cybernode.Dockerfile.Lint;
using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Cli.Commands;

/// <summary><c>cybernode dockerfile dump|lint FILE</c>: the front end on its own.</summary>
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
        var file = new Argument<string>("FILE") { Description = "The Dockerfile" };
        var strict = new Option<bool>("--strict") { Description = "Exit 1 when there is any warning" };
        var json = CommonOptions.Json();
        var command = new Command("lint", "Warn about common mistakes, under BuildKit's check names") { file, strict, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var ast = Parse(path);
            var warnings = DockerfileLinter.Lint(ast, path);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(Console.Out, new LintReport(path, [.. warnings.Select(w => new LintFinding(w.Check, w.Line, w.Message, w.IsError))]));
            }
            else
            {
                foreach (var warning in warnings)
                {
                    Console.Out.WriteLine(warning.ToString());
                }
            }

            var failed = warnings.Any(w => w.IsError) || (parse.GetValue(strict) && warnings.Count > 0);
            return failed ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Parses only: dump shows the syntax even of files no build would accept.</summary>
    private static DockerfileAst Parse(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new UserError("no such file", path, hint: "give the path of a Dockerfile");
        }

        try
        {
            return DockerfileParser.Parse(UserFile.ReadText(path, DockerfilePlanner.MaxDockerfileSize, "give the path of a Dockerfile"), path);
        }
        catch (DockerfileSyntaxException e)
        {
            throw DockerfilePlanner.FromSyntax(e, path);
        }
    }
}
