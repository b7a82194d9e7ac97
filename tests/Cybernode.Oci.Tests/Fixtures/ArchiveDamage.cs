using System.Formats.Tar;

namespace Cybernode.Oci.Tests.Fixtures;

/// <summary>Breaks archives on purpose, to prove readers refuse them.</summary>
public static class ArchiveDamage
{
    /// <summary>Flips one byte in the middle of the largest file in the archive (a layer, in an image archive).</summary>
    public static async Task<string> CorruptLargestEntryAsync(string archive, CancellationToken cancellationToken)
    {
        var (name, offset, length) = (default(string), 0L, 0L);
        await using (var file = File.OpenRead(archive))
        await using (var reader = new TarReader(file))
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (entry.EntryType == TarEntryType.RegularFile && entry.Length > length)
                {
                    (name, offset, length) = (entry.Name, entry.DataOffset, entry.Length);
                }
            }
        }

        await using (var file = File.Open(archive, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = offset + (length / 2);
            var value = file.ReadByte();
            file.Position--;
            file.WriteByte((byte)(value ^ 0xff));
        }

        return name!;
    }

    /// <summary>Cuts the archive to a part of its length, as an interrupted download would.</summary>
    public static void Truncate(string archive, double keep)
    {
        using var file = File.Open(archive, FileMode.Open, FileAccess.ReadWrite);
        file.SetLength((long)(file.Length * keep));
    }
}
