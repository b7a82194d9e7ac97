namespace Cybernode.Oci.Streams;

/// <summary>
/// Passes reads through and tells <paramref name="progress"/> how many bytes went by since it last
/// did, at least <see cref="ReportEvery"/> at a time (and the rest at the end), so that a fast
/// copy does not flood whoever listens with one report per buffer.
/// </summary>
public sealed class ProgressReadStream(Stream inner, IProgress<long> progress) : ReadOnlyStream
{
    public const int ReportEvery = 4 << 20;

    private long _unreported;

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReportRest();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        _unreported += read;
        if (_unreported >= ReportEvery || read == 0)
        {
            ReportRest();
        }

        return read;
    }

    private void ReportRest()
    {
        if (_unreported > 0)
        {
            progress.Report(_unreported);
            _unreported = 0;
        }
    }
}
