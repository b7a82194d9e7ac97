using System.Buffers;
using System.Globalization;
using System.Text;

namespace Cybernode.Oci.Layers;

/// <summary>
/// Writes POSIX ustar entries, falling back to a pax extended header only for what ustar cannot
/// hold (long names, huge sizes or ids). The pax header's own name is derived from the entry, never
/// from a process id or the clock, so the same entries always give the same bytes.
/// </summary>
public sealed class ReproducibleTarWriter(Stream output) : IAsyncDisposable
{
    private const int BlockSize = 512;
    private const long MaxUstarSize = (1L << 33) - 1; // 11 octal digits
    private const int MaxUstarId = (1 << 21) - 1; // 7 octal digits
    private const int PaxHeaderMode = 420; // 0644
    private const int PermissionBits = 4095; // 07777
    private static readonly byte[] Zeros = new byte[BlockSize * 2];
    private readonly byte[] _header = new byte[BlockSize];
    private bool _finished;

    public async Task WriteEntryAsync(TarEntryHeader entry, Stream? content, CancellationToken cancellationToken)
    {
        if (entry.Type == TarEntryType.File != (content is not null))
        {
            throw new ArgumentException("a file entry needs content and other entries none", nameof(content));
        }

        var name = entry.Type == TarEntryType.Directory && !entry.Name.EndsWith('/') ? entry.Name + "/" : entry.Name;
        var pax = PaxRecordsFor(entry, name);
        if (pax.Count > 0)
        {
            var paxBody = EncodePax(pax);
            var paxName = "PaxHeaders/" + Truncate(LastComponent(name), 100 - "PaxHeaders/".Length);
            FillHeader(paxName, 'x', PaxHeaderMode, 0, 0, entry.ModificationTimeSeconds, paxBody.Length, "");
            await output.WriteAsync(_header, cancellationToken);
            await output.WriteAsync(paxBody, cancellationToken);
            await WritePaddingAsync(paxBody.Length, cancellationToken);
        }

        var size = entry.Type == TarEntryType.File ? entry.Size : 0;
        FillHeader(name, TypeFlag(entry.Type), entry.Mode, entry.Uid, entry.Gid, entry.ModificationTimeSeconds, size, entry.LinkTarget ?? "");
        await output.WriteAsync(_header, cancellationToken);
        if (content is not null)
        {
            await CopyExactlyAsync(content, entry.Size, entry.Name, cancellationToken);
            await WritePaddingAsync(entry.Size, cancellationToken);
        }
    }

    /// <summary>Writes the two zero blocks that end an archive.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        await output.WriteAsync(Zeros, cancellationToken);
    }

    public async ValueTask DisposeAsync() => await FinishAsync(CancellationToken.None);

    private static char TypeFlag(TarEntryType type) => type switch
    {
        TarEntryType.File => '0',
        TarEntryType.Hardlink => '1',
        TarEntryType.Symlink => '2',
        TarEntryType.Directory => '5',
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static SortedDictionary<string, string> PaxRecordsFor(TarEntryHeader entry, string name)
    {
        var records = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!FitsUstarName(name))
        {
            records["path"] = name;
        }

        if (entry.LinkTarget is not null && Encoding.UTF8.GetByteCount(entry.LinkTarget) > 100)
        {
            records["linkpath"] = entry.LinkTarget;
        }

        if (entry.Size > MaxUstarSize)
        {
            records["size"] = entry.Size.ToString(CultureInfo.InvariantCulture);
        }

        if (entry.Uid > MaxUstarId)
        {
            records["uid"] = entry.Uid.ToString(CultureInfo.InvariantCulture);
        }

        if (entry.Gid > MaxUstarId)
        {
            records["gid"] = entry.Gid.ToString(CultureInfo.InvariantCulture);
        }

        return records;
    }

    private static bool FitsUstarName(string name) => SplitUstarName(name) is not null;

    /// <summary>ustar stores a long name as prefix (155 bytes) + '/' + name (100 bytes).</summary>
    private static (string Prefix, string Name)? SplitUstarName(string name)
    {
        if (!name.All(char.IsAscii))
        {
            return null;
        }

        if (name.Length <= 100)
        {
            return ("", name);
        }

        // Search from the right so the name part is as long as it may be.
        for (var slash = name.LastIndexOf('/', name.Length - 2); slash > 0; slash = name.LastIndexOf('/', slash - 1))
        {
            if (slash <= 155 && name.Length - slash - 1 <= 100)
            {
                return (name[..slash], name[(slash + 1)..]);
            }
        }

        return null;
    }

    private static byte[] EncodePax(SortedDictionary<string, string> records)
    {
        var body = new StringBuilder();
        foreach (var (key, value) in records)
        {
            // Each record is "LEN key=value\n" where LEN counts itself.
            var rest = Encoding.UTF8.GetByteCount($" {key}={value}\n");
            var length = rest + 1;
            while (length.ToString(CultureInfo.InvariantCulture).Length + rest != length)
            {
                length++;
            }

            body.Append(CultureInfo.InvariantCulture, $"{length} {key}={value}\n");
        }

        return Encoding.UTF8.GetBytes(body.ToString());
    }

    private static string LastComponent(string name)
    {
        var trimmed = name.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    private static string Truncate(string text, int maxBytes)
    {
        var ascii = new string(text.Where(c => c is > ' ' and < (char)127).ToArray());
        return ascii.Length <= maxBytes ? ascii : ascii[..maxBytes];
    }

    private void FillHeader(string name, char typeFlag, int mode, int uid, int gid, long mtime, long size, string linkTarget)
    {
        Array.Clear(_header);
        var (prefix, shortName) = SplitUstarName(name) ?? ("", Truncate(name, 100));
        WriteText(0, 100, shortName);
        WriteOctal(100, 8, mode & PermissionBits);
        WriteOctal(108, 8, Math.Min(uid, MaxUstarId));
        WriteOctal(116, 8, Math.Min(gid, MaxUstarId));
        WriteOctal(124, 12, Math.Min(size, MaxUstarSize));
        WriteOctal(136, 12, mtime);
        _header[156] = (byte)typeFlag;
        WriteText(157, 100, Encoding.UTF8.GetByteCount(linkTarget) <= 100 ? linkTarget : Truncate(linkTarget, 100));
        WriteText(257, 6, "ustar\0");
        WriteText(263, 2, "00");
        WriteOctal(329, 8, 0);
        WriteOctal(337, 8, 0);
        WriteText(345, 155, prefix);

        // The checksum is computed with its own field taken as spaces.
        _header.AsSpan(148, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in _header)
        {
            sum += b;
        }

        WriteOctal(148, 7, sum);
        _header[155] = (byte)' ';
    }

    private void WriteText(int offset, int length, string text)
    {
        var written = Encoding.UTF8.GetBytes(text, _header.AsSpan(offset, length));
        _header.AsSpan(offset + written, length - written).Clear();
    }

    /// <summary>Zero-padded octal, NUL-terminated, filling the field as GNU and BSD tar read it.</summary>
    private void WriteOctal(int offset, int length, long value)
    {
        var digits = Convert.ToString(value, 8).PadLeft(length - 1, '0');
        Encoding.ASCII.GetBytes(digits, _header.AsSpan(offset, length - 1));
        _header[offset + length - 1] = 0;
    }

    private async Task CopyExactlyAsync(Stream content, long size, string name, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            var remaining = size;
            while (remaining > 0)
            {
                var read = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
                if (read == 0)
                {
                    throw new IOException($"'{name}' became shorter while it was being added ({size - remaining} of {size} bytes)");
                }

                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                remaining -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task WritePaddingAsync(long length, CancellationToken cancellationToken)
    {
        var padding = (int)((BlockSize - (length % BlockSize)) % BlockSize);
        if (padding > 0)
        {
            await output.WriteAsync(Zeros.AsMemory(0, padding), cancellationToken);
        }
    }
}
