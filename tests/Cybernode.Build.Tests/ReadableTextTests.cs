namespace Cybernode.Build.Tests;

public class ReadableTextTests
{
    [Fact]
    public void Control_characters_are_escaped_and_newlines_and_tabs_kept()
    {
        ReadableText.Limit("a\u001b[31mred\r\nnext\tline\u0085\u009b\u007f\u202e")
            .ShouldBe("a\\x1b[31mred\\x0d\nnext\tline\\x85\\x9b\\x7f\\u202e");
    }

    [Fact]
    public void A_long_line_is_cut_saying_how_much_was_left_out()
    {
        var text = ReadableText.Limit("start " + new string('x', 5_000_000));

        text.Length.ShouldBeLessThan(ReadableText.MaxLineLength + 40);
        text.ShouldStartWith("start xxx");
        text.ShouldEndWith($"… ({5_000_006 - ReadableText.MaxLineLength} more characters)");
    }

    [Fact]
    public void Many_lines_are_cut_saying_how_many_were_left_out()
    {
        var text = ReadableText.Limit(string.Join('\n', Enumerable.Range(0, 60_000).Select(i => $"line {i}")));

        var lines = text.Split('\n');
        lines.Length.ShouldBe(ReadableText.MaxLines + 1);
        lines[^1].ShouldBe($"… ({60_000 - ReadableText.MaxLines} more lines)");
    }

    [Fact]
    public void Limiting_twice_changes_nothing_more()
    {
        var once = ReadableText.Limit(string.Join('\n', Enumerable.Range(0, 100).Select(_ => "\u001b" + new string('y', 2000))));

        ReadableText.Limit(once).ShouldBe(once);
    }

    [Fact]
    public void A_quoted_name_stays_on_one_line()
    {
        ReadableText.Quote("two\nlines\u001b").ShouldBe("'two\\x0alines\\x1b'");
    }

    [Fact]
    public void A_user_error_is_described_within_the_limits()
    {
        var error = new UserError("unknown instruction: \u001b]0;pwned\u0007" + new string('A', 5_000_000), "/ws/Dockerfile", 3, "fix it")
        {
            Excerpt = "\u001b" + new string('B', 5_000_000),
        };

        var lines = error.Describe().Split('\n');

        lines.Length.ShouldBe(3);
        lines.ShouldAllBe(line => line.Length < ReadableText.MaxLineLength + 40 && !line.Contains('\u001b') && !line.Contains('\u0007'));
        lines[0].ShouldStartWith("/ws/Dockerfile:3: unknown instruction: \\x1b]0;pwned\\x07AAA");
        lines[2].ShouldBe("hint: fix it");
    }
}
