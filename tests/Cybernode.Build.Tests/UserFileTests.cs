using Cybernode.Build.Tests.Fixtures;

namespace Cybernode.Build.Tests;

/// <summary>Only a regular file of bounded size is read; anything else is refused at once, never read or waited on.</summary>
public class UserFileTests
{
    [Fact]
    public void A_regular_file_is_read_as_text_through_a_link()
    {
        using var folder = new TempFolder();
        var target = folder.Write("real", "FROM scratch\n");
        File.CreateSymbolicLink(folder["link"], target);

        UserFile.ReadText(folder["link"], 100, "hint").ShouldBe("FROM scratch\n");
    }

    [Fact]
    public void A_fifo_is_refused_without_waiting_for_a_writer()
    {
        using var folder = new TempFolder();
        SpecialFiles.MakeFifo(folder["fifo"]);

        var error = Should.Throw<UserError>(() => UserFile.ReadText(folder["fifo"], 100, "hint"));

        error.Message.ShouldContain("FIFO");
        error.File.ShouldBe(folder["fifo"]);
    }

    [Fact]
    public void A_link_to_a_device_is_refused()
    {
        using var folder = new TempFolder();
        File.CreateSymbolicLink(folder["zero"], "/dev/zero");

        Should.Throw<UserError>(() => UserFile.ReadText(folder["zero"], 100, "hint")).Message.ShouldContain("character device");
    }

    [Fact]
    public void A_loop_of_links_is_named_as_one()
    {
        using var folder = new TempFolder();
        File.CreateSymbolicLink(folder["a"], folder["b"]);
        File.CreateSymbolicLink(folder["b"], folder["a"]);

        var error = Should.Throw<UserError>(() => UserFile.ReadText(folder["a"], 100, "hint"));

        error.Message.ShouldContain("is a loop of symbolic links, not a regular file");
        error.File.ShouldBe(folder["a"]);
    }

    [Fact]
    public void A_folder_is_refused()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["dir"]);

        Should.Throw<UserError>(() => UserFile.ReadText(folder["dir"], 100, "hint")).Message.ShouldContain("folder");
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_without_reading_it_all()
    {
        using var folder = new TempFolder();
        SpecialFiles.MakeSparse(folder["big"], 100L * 1024 * 1024 * 1024);
        var before = GC.GetTotalAllocatedBytes();

        var error = Should.Throw<UserError>(() => UserFile.ReadText(folder["big"], 1024 * 1024, "hint"));

        error.Message.ShouldContain("larger than 1 MiB");
        (GC.GetTotalAllocatedBytes() - before).ShouldBeLessThan(16L * 1024 * 1024);
    }
}
