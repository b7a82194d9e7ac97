namespace Cybernode.Build.Assembly.Sources;

/// <summary>A COPY or ADD source that cannot be taken; the assembler adds the Dockerfile line.</summary>
public sealed class SourceResolutionException(string message, string hint) : Exception(message)
{
    public string Hint { get; } = hint;
}
