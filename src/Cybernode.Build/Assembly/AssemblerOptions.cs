using Cybernode.Oci.Layers;
using Cybernode.Oci.Model;

namespace Cybernode.Build.Assembly;

public sealed record AssemblerOptions(LayerCompression Compression, long SourceDateEpoch, Platform Platform)
{
    public static AssemblerOptions Default { get; } = new(LayerCompression.Gzip, 0, Platform.LinuxAmd64);

    public DateTimeOffset Created => DateTimeOffset.FromUnixTimeSeconds(SourceDateEpoch);

    /// <summary>SOURCE_DATE_EPOCH as reproducible-builds.org defines it: whole seconds since 1970.</summary>
    public static long ReadSourceDateEpoch(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return 0;
        }

        return long.TryParse(value.Trim(), out var seconds) && seconds >= 0
            ? seconds
            : throw new UserError($"SOURCE_DATE_EPOCH='{value}' is not a whole number of seconds since 1970",
                hint: "set it to e.g. $(git log -1 --format=%ct), or unset it");
    }
}
