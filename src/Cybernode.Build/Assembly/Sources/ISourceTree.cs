namespace Cybernode.Build.Assembly.Sources;

/// <summary>Where COPY sources come from: the build context, or the files of another stage or image.</summary>
public interface ISourceTree
{
    /// <summary>Describes this tree in messages: "the build context", "stage builder".</summary>
    string Description { get; }

    /// <summary>
    /// The items a source argument names: one path, or every path a glob matches. Throws
    /// <see cref="SourceResolutionException"/> when it names nothing or leaves the tree.
    /// </summary>
    IReadOnlyList<SourceItem> Resolve(string source);

    /// <summary>Everything below a folder item, parents before children, in ordinal order.</summary>
    IEnumerable<SourceItem> Descendants(SourceItem folder);
}
