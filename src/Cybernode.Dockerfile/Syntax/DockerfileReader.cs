using System.Text;

namespace Cybernode.Dockerfile.Syntax;

/// <summary>
/// The line machinery of BuildKit's parser: directives at the top, comment and blank lines,
/// continuation lines (which may have comment and blank lines between them), heredoc bodies,
/// and BuildKit's 64 KiB line limit.
/// </summary>
internal sealed class DockerfileReader
{
    // bufio.Scanner's default maximum token size, which BuildKit keeps.
    private const int MaxLineBytes = 64 * 1024;

    private readonly string _text;
    private readonly string? _fileName;
    private readonly List<ParserDirective> _directives = [];
    private readonly HashSet<string> _seenDirectives = new(StringComparer.Ordinal);
    private readonly List<InstructionNode> _instructions = [];
    private readonly List<ParseWarning> _warnings = [];
    private readonly StringBuilder _joined = new();
    private char _escape = '\\';
    private bool _directivesDone;
    private int _next;
    private int _lineNumber;

    // The line just read: [_lineStart, _contentEnd) without the line ending, _next after it.
    private int _lineStart;
    private int _contentEnd;

    public DockerfileReader(string text, string? fileName)
    {
        _text = text;
        _fileName = fileName;
    }

    public DockerfileAst Read()
    {
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            _next = 1;
        }

        while (ReadLine())
        {
            var line = TextRules.TrimStartSpace(Content());
            ParseDirective(line);
            if (line.Length > 0 && line[0] == '#')
            {
                line = [];
            }

            var startLine = _lineNumber;
            var startLineText = Content().ToString();
            var isEnd = TrimContinuation(ref line);
            if (isEnd && line.IsEmpty)
            {
                continue;
            }

            _joined.Clear().Append(line);
            var hasEmptyContinuation = false;
            while (!isEnd && ReadLine())
            {
                var next = Content();
                if (TextRules.IsComment(next))
                {
                    continue;
                }

                if (TextRules.IsBlank(next))
                {
                    hasEmptyContinuation = true;
                    continue;
                }

                isEnd = TrimContinuation(ref next);
                _joined.Append(next);
            }

            var joined = _joined.ToString();
            if (hasEmptyContinuation)
            {
                _warnings.Add(new ParseWarning("Empty continuation line found in: " + joined, _lineNumber));
            }

            var location = new Location(startLine, startLineText);
            var node = CreateNode(joined, location, nested: false);
            var heredocs = ReadHeredocs(node, joined, location);
            _instructions.Add(node with
            {
                EndLine = _lineNumber,
                Heredocs = heredocs,
                Inner = node.Inner is null ? null : node.Inner with { EndLine = _lineNumber, Heredocs = heredocs },
            });
        }

        if (_instructions.Count == 0)
        {
            throw new DockerfileSyntaxException("file with no instructions", _fileName, Math.Max(_lineNumber, 1), 1, string.Empty);
        }

        return new DockerfileAst(_directives, _escape, _instructions, _warnings) { FileName = _fileName };
    }

    private ReadOnlySpan<char> Content() => _text.AsSpan(_lineStart, _contentEnd - _lineStart);

    private bool ReadLine()
    {
        if (_next >= _text.Length)
        {
            return false;
        }

        _lineStart = _next;
        var newline = _text.IndexOf('\n', _lineStart);
        var end = newline < 0 ? _text.Length : newline;
        _next = newline < 0 ? _text.Length : newline + 1;
        _lineNumber++;

        // Only long lines can exceed the byte limit, so most lines skip the UTF-8 count.
        if (end - _lineStart >= MaxLineBytes / 3
            && Encoding.UTF8.GetByteCount(_text.AsSpan(_lineStart, end - _lineStart)) >= MaxLineBytes)
        {
            throw new DockerfileSyntaxException(
                $"dockerfile line greater than max allowed size of {MaxLineBytes - 1}",
                _fileName,
                _lineNumber,
                1,
                _text[_lineStart..end]);
        }

        while (end > _lineStart && _text[end - 1] == '\r')
        {
            end--;
        }

        _contentEnd = end;
        return true;
    }

    // Directives are only recognised in the leading run of lines that are all directives.
    private void ParseDirective(ReadOnlySpan<char> line)
    {
        if (_directivesDone)
        {
            return;
        }

        if (line.IsEmpty || line[0] != '#')
        {
            _directivesDone = true;
            return;
        }

        var body = TextRules.TrimStartSpace(line[1..]);
        var nameLength = 0;
        while (nameLength < body.Length && (char.IsAsciiLetter(body[nameLength]) || (nameLength > 0 && char.IsAsciiDigit(body[nameLength]))))
        {
            nameLength++;
        }

        var afterName = SkipRegexSpace(body[nameLength..]);
        if (nameLength == 0 || afterName.IsEmpty || afterName[0] != '=')
        {
            _directivesDone = true;
            return;
        }

        var afterEquals = afterName[1..];
        var value = SkipRegexSpace(afterEquals);
        var valueEnd = value.Length;
        while (valueEnd > 0 && value[valueEnd - 1] is ' ' or '\t' or '\f' or '\r' or '\n')
        {
            valueEnd--;
        }

        // BuildKit's pattern needs one value character; when only blanks follow '=' it takes the last one.
        if (valueEnd == 0 && !afterEquals.IsEmpty)
        {
            value = afterEquals[^1..];
            valueEnd = 1;
        }

        var name = body[..nameLength].ToString().ToLowerInvariant();
        if (valueEnd == 0 || name is not ("syntax" or "escape" or "check"))
        {
            _directivesDone = true;
            return;
        }

        var location = new Location(_lineNumber, Content().ToString());
        if (!_seenDirectives.Add(name))
        {
            Fail($"only one {name} parser directive can be used", location);
        }

        var text = value[..valueEnd].ToString();
        if (name == "escape")
        {
            if (text is not ("`" or "\\"))
            {
                Fail($"invalid escape token '{text}' does not match ` or \\", location);
            }

            _escape = text[0];
        }

        _directives.Add(new ParserDirective(name, text, _lineNumber));
    }

    private static ReadOnlySpan<char> SkipRegexSpace(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length && text[i] is ' ' or '\t' or '\f' or '\r' or '\n')
        {
            i++;
        }

        return text[i..];
    }

    // The escape character as the last non-blank character continues the line, unless it is
    // itself escaped by the character before it.
    private bool TrimContinuation(ref ReadOnlySpan<char> line)
    {
        var end = line.Length;
        while (end > 0 && line[end - 1] is ' ' or '\t')
        {
            end--;
        }

        if (end == 0 || line[end - 1] != _escape)
        {
            return true;
        }

        if (end >= 2 && line[end - 2] == _escape)
        {
            return true;
        }

        line = line[..(end - 1)];
        return false;
    }

    private InstructionNode CreateNode(string line, Location location, bool nested)
    {
        var (command, afterCommand) = TextRules.SplitFirstRun(line.Trim());
        var keyword = command.ToLowerInvariant();
        if (!ArgumentParsers.IsKnown(keyword))
        {
            var hint = Suggestion.Closest(command, ArgumentParsers.KnownKeywords, caseSensitive: false);
            Fail(Suggestion.WithHint("unknown instruction: " + command, hint), location);
        }

        IReadOnlyList<string> flags = [];
        var rest = string.Empty;
        if (afterCommand.Length > 0)
        {
            flags = FlagExtractor.Extract(afterCommand, out rest);
            rest = rest.Trim();
        }

        if (keyword == "onbuild")
        {
            return CreateOnbuildNode(line, flags, rest, location, nested);
        }

        var arguments = ArgumentParsers.Parse(keyword, rest, _escape, out var isJson, out var error);
        if (error is not null)
        {
            Fail(error, location);
        }

        return new InstructionNode(keyword, flags, arguments, isJson, line, location.Line, location.Line, [], null);
    }

    private InstructionNode CreateOnbuildNode(string line, IReadOnlyList<string> flags, string rest, Location location, bool nested)
    {
        if (nested)
        {
            Fail("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", location);
        }

        InstructionNode? inner = null;
        if (rest.Length > 0)
        {
            var trigger = TextRules.SplitFirstRun(rest).Head.ToUpperInvariant();
            switch (trigger)
            {
                case "ONBUILD":
                    Fail("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", location);
                    break;
                case "FROM" or "MAINTAINER":
                    Fail($"{trigger} isn't allowed as an ONBUILD trigger", location);
                    break;
            }

            inner = CreateNode(rest, location, nested: true);
        }

        return new InstructionNode("onbuild", flags, [], false, line, location.Line, location.Line, [], inner);
    }

    private List<Heredoc> ReadHeredocs(InstructionNode node, string line, Location location)
    {
        var target = node.Inner ?? node;
        if (target.Keyword is not ("run" or "copy" or "add") || target.IsJsonForm
            || !line.Contains("<<", StringComparison.Ordinal))
        {
            return [];
        }

        var markers = HeredocMarker.FindAll(line, out var error);
        if (error is not null)
        {
            Fail(error, location);
        }

        if (markers.Count == 0)
        {
            return [];
        }

        var heredocs = new List<Heredoc>(markers.Count);
        var body = new StringBuilder();
        foreach (var marker in markers)
        {
            body.Clear();
            var terminated = false;
            while (ReadLine())
            {
                var candidate = Content();
                if (marker.Chomp)
                {
                    candidate = candidate.TrimStart('\t');
                }

                if (candidate.SequenceEqual(marker.Name))
                {
                    terminated = true;
                    break;
                }

                body.Append(_text, _lineStart, _next - _lineStart);
            }

            if (!terminated)
            {
                Fail("unterminated heredoc", location);
            }

            heredocs.Add(new Heredoc(marker.Name, body.ToString(), marker.Expand, marker.Chomp));
        }

        return heredocs;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string reason, Location location)
    {
        var column = 1;
        while (column <= location.Text.Length && TextRules.IsSpace(location.Text[column - 1]))
        {
            column++;
        }

        throw new DockerfileSyntaxException(reason, _fileName, location.Line, column, location.Text);
    }

    private readonly record struct Location(int Line, string Text);
}
