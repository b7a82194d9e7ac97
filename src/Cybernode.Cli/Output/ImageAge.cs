namespace Cybernode.Cli.Output;

/// <summary>
/// An image's CREATED as people read it, "5 minutes ago"; "-" when it has no creation time or the
/// Unix epoch, which a reproducible build stamps (SOURCE_DATE_EPOCH=0) and which says nothing of its age.
/// </summary>
public static class ImageAge
{
    public static string Describe(DateTimeOffset? created, DateTimeOffset now)
    {
        if (created is not { } time || time == DateTimeOffset.UnixEpoch)
        {
            return "-";
        }

        var age = now - time;
        return age.TotalSeconds switch
        {
            < 0 => "in the future",
            < 60 => "less than a minute ago",
            < 3600 => Ago(age.TotalMinutes, "minute"),
            < 86400 => Ago(age.TotalHours, "hour"),
            < 14 * 86400 => Ago(age.TotalDays, "day"),
            < 60 * 86400 => Ago(age.TotalDays / 7, "week"),
            < 730 * 86400 => Ago(age.TotalDays / 30, "month"),
            _ => Ago(age.TotalDays / 365, "year"),
        };
    }

    private static string Ago(double amount, string unit)
    {
        var whole = (long)amount;
        return whole == 1 ? $"1 {unit} ago" : $"{whole} {unit}s ago";
    }
}
