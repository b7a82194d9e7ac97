using System.Formats.Tar;
using Cybernode.Build.Assembly;
using Cybernode.Oci.Graph;
using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Build.Tests.Fixtures;

/// <summary>A context folder and a store, to assemble a Dockerfile and look at what came out.</summary>
public sealed class AssemblyHarness : IDisposable
{
    private readonly TempFolder _folder = new();

    public string Context => _folder["context"];

    public string StorePath => _folder["store"];

    public AssemblerOptions Options { get; set; } = AssemblerOptions.Default;

    public string Write(string relative, string content, UnixFileMode? mode = null) => _folder.Write(Path.Combine("context", relative), content, mode);

    public string WriteBytes(string relative, byte[] content) => _folder.WriteBytes(Path.Combine("context", relative), content);

    /// <summary>Writes a plain tar archive holding the entries in the order given.</summary>
    public string WriteTar(string relative, params TarEntry[] entries)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }

        return WriteBytes(relative, buffer.ToArray());
    }

    public async Task<PlatformImage> AssembleAsync(string dockerfile, string name = "cybernode/test:latest", IReadOnlyDictionary<string, string>? buildArgs = null, string? target = null)
    {
        var image = await AssembleImageAsync(dockerfile, name, buildArgs, target);
        var store = OciLayoutStore.OpenExisting(StorePath);
        return await ImageReader.ReadAsync(store, image.Manifest, Platform.LinuxAmd64, CancellationToken.None);
    }

    public async Task<AssembledImage> AssembleImageAsync(string dockerfile, string name = "cybernode/test:latest", IReadOnlyDictionary<string, string>? buildArgs = null, string? target = null)
    {
        Write("Dockerfile", dockerfile);
        var store = await OciLayoutStore.OpenAsync(StorePath, CancellationToken.None);
        var request = new AssemblyRequest(Path.Combine(Context, "Dockerfile"), Context, name,
            buildArgs ?? new Dictionary<string, string>(), new Dictionary<string, string>(), target);
        return await new InProcessAssembler(store, Options).AssembleAsync(request, CancellationToken.None);
    }

    /// <summary>The entries of one layer as "name mode uid:gid size [-> link]" lines.</summary>
    public async Task<List<string>> LayerListingAsync(Descriptor layer)
    {
        var store = OciLayoutStore.OpenExisting(StorePath);
        await using var blob = await store.OpenReadAsync(layer.Digest, CancellationToken.None);
        await using var tar = Compression.FromMediaType(layer.MediaType).Decompress(blob);
        await using var reader = new TarReader(tar);
        var lines = new List<string>();
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            var mode = Convert.ToString((int)entry.Mode, 8);
            var link = string.IsNullOrEmpty(entry.LinkName) ? "" : " -> " + entry.LinkName;
            lines.Add($"{entry.Name} {mode} {entry.Uid}:{entry.Gid} {entry.Length}{link}");
        }

        return lines;
    }

    public async Task<string> LayerFileAsync(Descriptor layer, string name)
    {
        var store = OciLayoutStore.OpenExisting(StorePath);
        await using var blob = await store.OpenReadAsync(layer.Digest, CancellationToken.None);
        await using var tar = Compression.FromMediaType(layer.MediaType).Decompress(blob);
        await using var reader = new TarReader(tar);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            if (entry.Name == name)
            {
                using var text = new StreamReader(entry.DataStream!);
                return await text.ReadToEndAsync();
            }
        }

        throw new InvalidOperationException($"{name} is not in layer {layer.Digest}");
    }

    public string StoreSnapshot() => TempFolder.Snapshot(StorePath);

    public void Dispose() => _folder.Dispose();
}
