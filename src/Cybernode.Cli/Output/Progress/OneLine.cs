using Cybernode.Build;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cybernode.Cli.Output.Progress;

/// <summary>
/// Styled text that always takes exactly one line: cut with an ellipsis where the console ends
/// instead of wrapping, so a live region keeps the height it was drawn with on a narrow terminal.
/// Control characters are escaped: a service's name or a step's title cannot move the cursor.
/// </summary>
public sealed class OneLine : Renderable
{
    private readonly List<Segment> _pieces = [];

    public OneLine Add(string text, Style? style = null)
    {
        _pieces.Add(new Segment(ReadableText.SingleLine(text), style ?? Style.Plain));
        return this;
    }

    protected override Measurement Measure(RenderOptions options, int maxWidth)
    {
        var width = Math.Min(Segment.CellCount(_pieces), maxWidth);
        return new Measurement(width, width);
    }

    protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        if (Segment.CellCount(_pieces) <= maxWidth)
        {
            return _pieces;
        }

        var ellipsis = new Segment(options.Unicode ? "…" : "~");
        var room = maxWidth - ellipsis.CellCount();
        var kept = new List<Segment>();
        foreach (var piece in _pieces)
        {
            var width = piece.CellCount();
            if (width > room)
            {
                if (Segment.Truncate(piece, room) is { } cut)
                {
                    kept.Add(cut);
                }

                break;
            }

            kept.Add(piece);
            room -= width;
        }

        kept.Add(ellipsis);
        return kept;
    }
}
