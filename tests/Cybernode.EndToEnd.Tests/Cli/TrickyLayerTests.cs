using System.Formats.Tar;
using Cybernode.EndToEnd.Tests.Infrastructure;

namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// An image whose layers replace folders with files and back, and ADD archives whose entries pass
/// through links (to /etc, to ../../..): umoci unpacks it and podman loads it, and both see the tree
/// BuildKit would have made.
/// </summary>
public sealed class TrickyLayerTests : IDisposable
{
    private const string Dockerfile = """
        FROM scratch
        COPY sub /d/
        COPY sub /g/
        COPY f /f
        ADD swap.tar /
        ADD again.tar /
        ADD evil.tar /srv/
        COPY a.txt /f
        """;

    // What the image holds, as `find -printf '%y %p\n'` lists it below the root.
    private static readonly string[] ExpectedTree =
    [
        "f climbed", "f d", "f escaped", "d etc", "f etc/passwd", "d f", "f f/a.txt", "f f/y",
        "d g", "f g/z", "d srv", "l srv/etc-link", "l srv/up",
    ];

    private readonly SmallWorkspace _workspace = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Umoci_unpacks_and_podman_loads_the_same_tree()
    {
        var service = Path.GetDirectoryName(_workspace.AddService("svc/tricky", Dockerfile, "a.txt", "f"))!;
        System.IO.File.Delete(Path.Combine(service, "big.bin"));
        Directory.CreateDirectory(Path.Combine(service, "sub"));
        System.IO.File.WriteAllText(Path.Combine(service, "sub", "x"), "x\n");
        WriteTar(Path.Combine(service, "swap.tar"), File("d", "file now"), Dir("f/"), File("f/y", "y"));
        WriteTar(Path.Combine(service, "again.tar"), File("g", "file"), Dir("g/"), File("g/z", "z"));
        WriteTar(Path.Combine(service, "evil.tar"),
            Link("etc-link", "/etc"), File("etc-link/passwd", "root"), Link("up", "../../.."), File("up/escaped", "e"), File("../../climbed", "c"));
        await CybernodeCli.BuildAsync(_workspace.Root, _workspace.Store, Token);

        var layout = _workspace.Outside("layout");
        (await CybernodeCli.RunAsync(["export", "cybernode/svc-tricky", "-o", layout, "--format", "oci", "--store", _workspace.Store], Token)).EnsureSuccess();
        var bundle = _workspace.Outside("bundle");
        await Umoci.UnpackAsync(new OciLayoutImage(layout, "cybernode/svc-tricky:latest"), bundle, Token);
        (await TreeAsync(Path.Combine(bundle, "rootfs"))).ShouldBe(ExpectedTree);
        (await System.IO.File.ReadAllTextAsync(Path.Combine(bundle, "rootfs", "d"), Token)).ShouldBe("file now");

        var archive = _workspace.Outside("tricky.tar");
        (await CybernodeCli.RunAsync(["export", "cybernode/svc-tricky", "-o", archive, "--format", "docker-archive", "--store", _workspace.Store], Token)).EnsureSuccess();
        await using var podman = await PodmanSandbox.CreateAsync(Token);
        await podman.LoadAsync(archive, Token);
        var container = (await podman.PodmanAsync(["create", "cybernode/svc-tricky", "/none"], cancellationToken: Token)).EnsureSuccess().StandardOutput.Trim();
        var exported = _workspace.Outside("podman-export.tar");
        (await podman.PodmanAsync(["export", "-o", exported, container], cancellationToken: Token)).EnsureSuccess();
        // podman adds the mount points and files every container has.
        string[] added = ["d dev", "d proc", "d sys", "d run", "f etc/hosts", "f etc/resolv.conf", "f etc/hostname", "f run/.containerenv"];
        (await ArchiveTreeAsync(exported)).Where(line => !added.Contains(line))
            .ShouldBe(ExpectedTree);
    }

    private static async Task<IReadOnlyList<string>> TreeAsync(string root)
    {
        var find = RequiredTool.Find("find", "findutils");
        var options = new ProcessOptions { WorkingDirectory = root };
        var result = (await ProcessRunner.RunAsync(find, [".", "-mindepth", "1", "-printf", "%y %P\n"], options, Token)).EnsureSuccess();
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).OrderBy(line => line[2..], StringComparer.Ordinal)];
    }

    private static async Task<IReadOnlyList<string>> ArchiveTreeAsync(string archive)
    {
        await using var input = System.IO.File.OpenRead(archive);
        await using var reader = new TarReader(input);
        var lines = new List<string>();
        while (await reader.GetNextEntryAsync(cancellationToken: Token) is { } entry)
        {
            var kind = entry.EntryType switch
            {
                TarEntryType.Directory => 'd',
                TarEntryType.SymbolicLink => 'l',
                _ => 'f',
            };
            var name = entry.Name.TrimStart('.', '/').TrimEnd('/');
            if (name.Length > 0)
            {
                lines.Add($"{kind} {name}");
            }
        }

        return [.. lines.OrderBy(line => line[2..], StringComparer.Ordinal)];
    }

    private static void WriteTar(string path, params PaxTarEntry[] entries)
    {
        using var output = System.IO.File.Create(path);
        using var writer = new TarWriter(output, TarEntryFormat.Pax);
        foreach (var entry in entries)
        {
            writer.WriteEntry(entry);
        }
    }

    private static PaxTarEntry Dir(string name) => new(TarEntryType.Directory, name) { Mode = (UnixFileMode)493 };

    private static PaxTarEntry Link(string name, string target) => new(TarEntryType.SymbolicLink, name) { LinkName = target, Mode = (UnixFileMode)511 };

    private static PaxTarEntry File(string name, string content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), Mode = (UnixFileMode)420 };
}
