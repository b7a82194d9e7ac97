using System.Text;
using BenchmarkDotNet.Attributes;
using Cybernode.Dockerfile.Expansion;
using Cybernode.Dockerfile.Instructions;
using Cybernode.Dockerfile.Lint;
using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Bench;

/// <summary>
/// Parses a generated 10,000-line Dockerfile mixing every instruction, continuation lines with
/// comments, heredocs, JSON and shell forms, and ENV/ARG values with variable references.
/// </summary>
[MemoryDiagnoser]
public class DockerfileParseBenchmark
{
    private const int TargetLines = 10_000;

    private string _text = string.Empty;
    private DockerfileAst _ast = null!;

    [GlobalSetup]
    public void Setup()
    {
        _text = Generate(TargetLines);
        _ast = DockerfileParser.Parse(_text, "Dockerfile");
    }

    [Benchmark(Baseline = true)]
    public DockerfileAst Parse() => DockerfileParser.Parse(_text, "Dockerfile");

    [Benchmark]
    public DockerfileModel ParseAndModel() => DockerfileModel.From(DockerfileParser.Parse(_text, "Dockerfile"));

    /// <summary>Parse, build the typed model and expand every word that ARG/ENV substitution applies to, as a build does.</summary>
    [Benchmark]
    public int ParseAndExpand()
    {
        var ast = DockerfileParser.Parse(_text, "Dockerfile");
        var model = DockerfileModel.From(ast);
        var lexer = new ShellLexer(ast.EscapeToken);
        var scope = new Dictionary<string, string>(StringComparer.Ordinal) { ["BASE"] = "alpine", ["VERSION"] = "3.20", ["PATH"] = "/usr/bin" };
        var expanded = 0;
        foreach (var stage in model.Stages)
        {
            expanded += lexer.ProcessWord(stage.From.Image, scope).Length;
            foreach (var instruction in stage.Instructions)
            {
                IEnumerable<string> words = instruction switch
                {
                    EnvInstruction env => env.Variables.SelectMany(v => new[] { v.Key, v.Value }),
                    LabelInstruction label => label.Variables.SelectMany(v => new[] { v.Key, v.Value }),
                    CopyInstruction copy => copy.Sources.Append(copy.Destination),
                    WorkdirInstruction workdir => [workdir.Path],
                    UserInstruction user => [user.User],
                    ArgInstruction arg => arg.Arguments.Select(a => a.DefaultValue ?? ""),
                    _ => [],
                };
                foreach (var word in words)
                {
                    expanded += lexer.ProcessWord(word, scope).Length;
                }
            }
        }

        return expanded;
    }

    [Benchmark]
    public IReadOnlyList<LintWarning> Lint() => DockerfileLinter.Lint(_ast, "Dockerfile");

    private static string Generate(int targetLines)
    {
        var sb = new StringBuilder();
        sb.Append("# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\nARG BASE=alpine\nARG VERSION=3.20\n");
        var lines = sb.ToString().Count('\n');
        for (var stage = 0; lines < targetLines; stage++)
        {
            var block = new StringBuilder();
            block.Append($"\nFROM ${{BASE}}:${{VERSION}} AS stage{stage}\n")
                .Append($"ARG BUILD_ID={stage}\n")
                .Append("ENV PATH=/opt/bin:$PATH HOME=/home/app LANG=\"C.UTF-8\"\n")
                .Append("ENV LEGACY value with spaces $HOME\n")
                .Append("LABEL org.opencontainers.image.title=\"app ${BUILD_ID}\" version=$VERSION\n")
                .Append("WORKDIR /src/${BUILD_ID}\n")
                .Append("# install the toolchain\n")
                .Append("RUN --mount=type=cache,target=/var/cache/apk apk add --no-cache \\\n")
                .Append("      build-base \\\n")
                .Append("      # compilers and friends\n")
                .Append("      git curl \\\n")
                .Append("    && echo \"installed for $BUILD_ID\"\n")
                .Append("COPY --chown=1000:1000 --chmod=755 [\"src/\", \"/src/\"]\n")
                .Append("COPY --from=stage0 --link /out/ /opt/\n")
                .Append("RUN <<EOF\nset -eu\nmake -C /src ${BUILD_ID}\necho done\nEOF\n")
                .Append("COPY <<-'CONF' /etc/app.conf\n\tname=$HOME\n\tdebug=false\n\tCONF\n")
                .Append("ADD --checksum=sha256:0123abcd https://example.com/x.tgz /tmp/x.tgz\n")
                .Append("EXPOSE 8080/tcp 9090\nVOLUME [\"/data\", \"/cache\"]\nUSER 1000:1000\n")
                .Append("HEALTHCHECK --interval=30s --timeout=3s CMD [\"wget\", \"-q\", \"http://localhost:8080/health\"]\n")
                .Append("ONBUILD RUN echo triggered ${BUILD_ID}\n")
                .Append("SHELL [\"/bin/sh\", \"-eu\", \"-c\"]\nSTOPSIGNAL SIGTERM\n")
                .Append("ENTRYPOINT [\"/opt/bin/app\"]\nCMD serve --config /etc/app.conf\n");
            var text = block.ToString();
            sb.Append(text);
            lines += text.Count('\n');
        }

        return sb.ToString();
    }
}
