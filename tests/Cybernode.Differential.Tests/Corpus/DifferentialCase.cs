
namespace Cybernode.Differential.Tests.Corpus;

/// <summary>
/// One case of the corpus: a folder holding a Dockerfile and its build context. An optional
/// <c>setup.sh</c> makes what git cannot hold (links, FIFOs, empty folders, modes, archives; scripts
/// several cases share are in $CASE_SETUP) and is not part of the context; an optional
/// <c>build-args</c> file gives one NAME=VALUE a line.
/// </summary>
public sealed class DifferentialCase(string name, string folder)
{
    public const string SetupScript = "setup.sh";

    public const string BuildArgsFile = "build-args";

    /// <summary>Names, for setup.sh, the folder of scripts several cases share (CaseSetup/).</summary>
    public const string SetupFolderVariable = "CASE_SETUP";

    private static string SetupFolder { get; } = Path.Combine(RepoPaths.Root, "tests", "Cybernode.Differential.Tests", "CaseSetup");

    public string Name { get; } = name;

    public string Folder { get; } = folder;

    public IReadOnlyDictionary<string, string> BuildArgs { get; } = ReadBuildArgs(Path.Combine(folder, BuildArgsFile));

    /// <summary>The build args as docker's and buildah's command lines take them.</summary>
    public IEnumerable<string> BuildArgFlags => BuildArgs.SelectMany(a => new[] { "--build-arg", $"{a.Key}={a.Value}" });

    /// <summary>Copies the case into <paramref name="context"/> (which must not exist) and runs its setup there.</summary>
    public async Task PrepareContextAsync(string context, CancellationToken cancellationToken)
    {
        CopyFolder(Folder, context);
        var setup = Path.Combine(Folder, SetupScript);
        if (File.Exists(setup))
        {
            var bash = RequiredTool.Find("bash", "bash");
            var options = new ProcessOptions
            {
                WorkingDirectory = context,
                Environment = new Dictionary<string, string?> { [SetupFolderVariable] = SetupFolder },
            };
            (await ProcessRunner.RunAsync(bash, ["-euo", "pipefail", setup], options, cancellationToken)).EnsureSuccess();
        }
    }

    public override string ToString() => Name;

    private static void CopyFolder(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            var name = Path.GetFileName(file);
            if (name is not (SetupScript or BuildArgsFile))
            {
                File.Copy(file, Path.Combine(destination, name));
            }
        }

        foreach (var folder in Directory.EnumerateDirectories(source))
        {
            CopyFolder(folder, Path.Combine(destination, Path.GetFileName(folder)));
        }
    }

    private static Dictionary<string, string> ReadBuildArgs(string path)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return args;
        }

        foreach (var line in File.ReadAllLines(path).Where(l => l.Length > 0))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            args[line[..equals]] = line[(equals + 1)..];
        }

        return args;
    }
}
