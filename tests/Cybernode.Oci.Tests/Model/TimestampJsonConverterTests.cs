using System.Text;
using Cybernode.Oci.Model;

namespace Cybernode.Oci.Tests.Model;

public class TimestampJsonConverterTests
{
    [Fact]
    public void A_config_time_is_written_in_utc_ending_in_z_as_docker_and_buildkit_write_it()
    {
        var config = new ImageConfiguration
        {
            Created = new DateTimeOffset(2023, 11, 15, 0, 13, 20, TimeSpan.FromHours(2)),
            Architecture = "amd64",
            Os = "linux",
            RootFs = new RootFs([]),
        };

        var json = Encoding.UTF8.GetString(OciJson.Serialize(config));

        json.ShouldContain("\"created\":\"2023-11-14T22:13:20Z\"");
    }

    [Fact]
    public void Fractions_of_a_second_are_kept_without_trailing_zeros_and_any_offset_reads_back()
    {
        var time = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_500_000);
        var entry = new HistoryEntry { Created = time };

        var json = Encoding.UTF8.GetString(OciJson.Serialize(entry));
        var read = OciJson.Deserialize<HistoryEntry>("""{"created":"2024-01-02T05:04:05.15+02:00"}"""u8, "history");

        json.ShouldContain("\"created\":\"2024-01-02T03:04:05.15Z\"");
        read.Created.ShouldBe(time);
    }
}
