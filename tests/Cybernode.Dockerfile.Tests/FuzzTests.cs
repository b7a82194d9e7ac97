using System.Diagnostics;
using System.Text;
using Cybernode.Dockerfile.Instructions;
using Cybernode.Dockerfile.Lint;
using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Tests;

public class FuzzTests
{
    private const int Seed = 20_240_611;
    private const int Mutations = 10_000;

    private static readonly string[] Extras =
    [
        "# escape=`\n# syntax=docker/dockerfile:1\n# check=skip=all;error=true\nFROM alpine AS Build\nRUN <<EOF\necho hi\nEOF\n",
        "FROM a\nCOPY <<X <<-'Y' /dest\nx\nX\n\ty\n\tY\nONBUILD RUN <<EOF\nbody\nEOF\n",
        "ARG V=1\nFROM --platform=$BUILDPLATFORM img:${V:-2} as b\nRUN --mount=type=cache,target=/c --network=none [\"a\", \"\\u00e9\"]\n",
        "FROM a\nHEALTHCHECK --interval=5s --retries=3 CMD [\"curl\", \"-f\"]\nSHELL [\"sh\", \"-c\"]\nENV A=\"b c\" D='e'\nLABEL x y\n",
        "FROM a\nRUN a \\\n# c\n\n  b\nVOLUME [\"/v\"]\nEXPOSE 80/tcp\nUSER u:g\nWORKDIR w\nSTOPSIGNAL 9\nCMD x\nENTRYPOINT y\n",
    ];

    private static readonly string[] Insertions =
    [
        "\"", "'", "\\", "`", "[", "]", "{", "}", "$", "${", "<<", "<<-", "\n", "\r\n", "#", "=", "--", " ", "\t",
        "\\\n", "[\"", "\"]", "ONBUILD ", "FROM ", "\u00a0", "\uFEFF", "\ud800", "0", "1e999", "EOF\n",
    ];

    [Fact(Timeout = 120_000)]
    public async Task Mutated_dockerfiles_only_ever_raise_syntax_exceptions()
    {
        var corpus = ConformanceData.AllDockerfiles().Concat(ConformanceData.RepositoryDockerfiles()).Concat(Extras).ToArray();
        var (failures, accepted, rejected) = await Task.Run(() => Run(corpus), TestContext.Current.CancellationToken);

        failures.ShouldBeEmpty();

        // Both outcomes must be common, or the mutations are not reaching the interesting code.
        accepted.ShouldBeGreaterThan(Mutations / 10);
        rejected.ShouldBeGreaterThan(Mutations / 10);
    }

    private static (List<string> Failures, int Accepted, int Rejected) Run(string[] corpus)
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        int accepted = 0, rejected = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Mutations && failures.Count < 5; i++)
        {
            var text = Mutate(corpus[random.Next(corpus.Length)], random);
            try
            {
                Exercise(text);
                accepted++;
            }
            catch (DockerfileSyntaxException)
            {
                rejected++;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add($"mutation {i}: {e.GetType().Name}: {e.Message}\n{Preview(text)}");
            }
        }

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
        return (failures, accepted, rejected);
    }

    private static void Exercise(string text)
    {
        var ast = DockerfileParser.Parse(text, "fuzz");
        DockerfileDump.Format(ast);
        try
        {
            DockerfileLinter.Lint(ast, "fuzz");
        }
        finally
        {
            DockerfileModel.From(ast);
        }
    }

    private static string Mutate(string source, Random random)
    {
        var sb = new StringBuilder(source);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits; e++)
        {
            var at = sb.Length == 0 ? 0 : random.Next(sb.Length);
            switch (random.Next(100))
            {
                case < 25 when sb.Length > 0:
                    sb.Remove(at, Math.Min(random.Next(1, 4), sb.Length - at));
                    break;
                case < 45 when sb.Length > 0:
                    sb.Insert(at, sb[at]);
                    break;
                case < 90:
                    sb.Insert(at, Insertions[random.Next(Insertions.Length)]);
                    break;
                case < 95:
                    var line = sb.ToString().Split('\n')[random.Next(sb.ToString().Split('\n').Length)];
                    sb.Insert(at, line + "\n");
                    break;
                default:
                    // Huge lines: some just under BuildKit's 64 KiB limit, most well over it.
                    var size = random.Next(2) == 0 ? 60_000 : 100_000;
                    sb.Insert(at, "RUN " + new string((char)random.Next('a', 'z' + 1), size) + " \\\n");
                    break;
            }
        }

        return sb.ToString();
    }

    private static string Preview(string text) => text.Length > 500 ? text[..500] + "..." : text;
}
