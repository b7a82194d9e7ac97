namespace Cybernode.Oci.Transports;

/// <summary>Every transport, by the name skopeo gives it; adding one is one line here.</summary>
public static class TransportRegistry
{
    public static OciLayoutTransport OciLayout { get; } = new();

    public static OciArchiveTransport OciArchive { get; } = new();

    public static DockerArchiveTransport DockerArchive { get; } = new();

    public static Registry.DockerTransport Docker { get; } = new();

    public static IReadOnlyList<ITransport> All { get; } = [OciLayout, OciArchive, DockerArchive, Docker];

    /// <summary>Every accepted form, for help and errors.</summary>
    public static string AcceptedForms => string.Join(", ", All.Select(t => t.Form).SkipLast(1)) + " or " + All[^1].Form;

    public static ITransport? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
