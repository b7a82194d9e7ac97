using System.Text;

namespace Cybernode.Dockerfile.Expansion;

/// <summary>
/// Collects words the way BuildKit does: white space from literal text and from variable
/// values separates words, quoted and escaped text never does, and empty words are dropped
/// (so <c>""</c> on its own yields nothing).
/// </summary>
internal sealed class ExpandedWords
{
    private readonly StringBuilder _word = new();
    private readonly List<string> _words = [];
    private bool _inWord;

    public void AddChar(char c)
    {
        if (!char.IsWhiteSpace(c))
        {
            AddRawChar(c);
            return;
        }

        // A space right after an empty quoted string keeps the (empty) word open, as BuildKit does.
        if (_inWord && _word.Length != 0)
        {
            _words.Add(_word.ToString());
            _word.Clear();
            _inWord = false;
        }
    }

    public void AddRawChar(char c)
    {
        _word.Append(c);
        _inWord = true;
    }

    public void AddString(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            AddChar(c);
        }
    }

    public void AddRawString(ReadOnlySpan<char> text)
    {
        _word.Append(text);
        _inWord = true;
    }

    public List<string> Finish()
    {
        if (_word.Length > 0)
        {
            _words.Add(_word.ToString());
            _word.Clear();
            _inWord = false;
        }

        return _words;
    }
}
