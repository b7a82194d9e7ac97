namespace Cybernode.Dockerfile.Syntax;

/// <summary>
/// A here-document attached to a RUN, COPY or ADD instruction.
/// </summary>
/// <param name="Name">The terminating word with quotes removed.</param>
/// <param name="Content">Every body line as written, each with its line ending; leading tabs are kept even when <paramref name="Chomp"/> is set.</param>
/// <param name="Expand">False when any part of the delimiter was quoted, which turns variable expansion off.</param>
/// <param name="Chomp">True for <c>&lt;&lt;-</c>: leading tabs are to be stripped from the body when it is used.</param>
public sealed record Heredoc(string Name, string Content, bool Expand, bool Chomp);
