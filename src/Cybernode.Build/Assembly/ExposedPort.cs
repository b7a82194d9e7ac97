using System.Globalization;

namespace Cybernode.Build.Assembly;

/// <summary>EXPOSE's port syntax: <c>80</c>, <c>80/tcp</c>, <c>53/udp</c>, ranges like <c>8000-8002</c>.</summary>
public static class ExposedPort
{
    /// <summary>The config keys (<c>PORT/proto</c>) for one EXPOSE word, or null when it is not a port.</summary>
    public static IReadOnlyList<string>? Normalise(string word)
    {
        var slash = word.IndexOf('/');
        var protocol = slash < 0 ? "tcp" : word[(slash + 1)..].ToLowerInvariant();
        var ports = slash < 0 ? word : word[..slash];
        if (protocol is not ("tcp" or "udp" or "sctp"))
        {
            return null;
        }

        var dash = ports.IndexOf('-');
        var first = dash < 0 ? ports : ports[..dash];
        var last = dash < 0 ? ports : ports[(dash + 1)..];
        if (!ushort.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var from) ||
            !ushort.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var to) || to < from)
        {
            return null;
        }

        return Enumerable.Range(from, to - from + 1).Select(p => $"{p}/{protocol}").ToList();
    }
}
