using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Assembly;

/// <summary>
/// A digest of everything an image is made from: the drafted config, the base layers, and the name,
/// metadata and content of every file a new layer takes. Equal keys mean an equal image, so an
/// unchanged service is not compressed again. Hashing is several times faster than compressing.
/// </summary>
public static class BuildCacheKey
{
    public const string Annotation = "dev.cybernode.build.key";

    // Bump when the way images are written changes, so old keys stop matching.
    private const string FormatVersion = "cybernode-image-v3";

    /// <param name="fileDigest">Hashes a file (SHA-256, hex); by default by reading it.</param>
    public static async Task<string> ComputeAsync(
        ImageDraft draft, AssemblyRequest request, AssemblerOptions options, CancellationToken cancellationToken, Func<string, CancellationToken, Task<string>>? fileDigest = null)
    {
        var buffer = new byte[1 << 20];
        fileDigest ??= (path, token) => HashFileAsync(path, buffer, token);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Line(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));

        Line(FormatVersion);
        Line($"{options.Compression} {options.SourceDateEpoch} {options.Platform}");
        Line(request.ImageName);
        foreach (var (key, value) in request.ExtraLabels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            Line($"label {key}={value}");
        }

        hash.AppendData(OciJson.Serialize(draft.ToConfig(options.Platform, options.Created, [])));
        foreach (var layer in draft.Layers)
        {
            if (layer.Existing is { } existing)
            {
                Line($"layer {existing.Descriptor.Digest}");
                continue;
            }

            Line("new layer");
            foreach (var entry in layer.New!.Entries)
            {
                Line(Describe(entry.Header));
                if (entry.ContentPath is not null)
                {
                    Line(await fileDigest(entry.ContentPath, cancellationToken));
                }
            }

            foreach (var archive in layer.New.Archives)
            {
                Line("archive " + await fileDigest(archive.ArchivePath, cancellationToken));
                foreach (var pick in archive.Picks)
                {
                    Line(string.Create(CultureInfo.InvariantCulture, $"{pick.Index} {Describe(pick.Header)}"));
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Describe(Oci.Layers.TarEntryHeader h) =>
        string.Create(CultureInfo.InvariantCulture, $"{h.Name} {h.Type} {h.Mode} {h.Uid}:{h.Gid} {h.ModificationTimeSeconds} {h.Size} {h.LinkTarget}");

    private static async Task<string> HashFileAsync(string path, byte[] buffer, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
