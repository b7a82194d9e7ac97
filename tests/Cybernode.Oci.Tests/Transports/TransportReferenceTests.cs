using Cybernode.Oci.Transports;

namespace Cybernode.Oci.Tests.Transports;

public class TransportReferenceTests
{
    [Theory]
    [InlineData("oci:/tmp/layout", TransportKind.OciLayout, "/tmp/layout", null)]
    [InlineData("oci:out:cybernode/x:latest", TransportKind.OciLayout, "out", "cybernode/x:latest")]
    [InlineData("oci-archive:img.tar", TransportKind.OciArchive, "img.tar", null)]
    [InlineData("oci-archive:img.tar:latest", TransportKind.OciArchive, "img.tar", "latest")]
    [InlineData("docker-archive:/a/b.tar:busybox:1.36", TransportKind.DockerArchive, "/a/b.tar", "busybox:1.36")]
    public void Parse_splits_transport_path_and_reference_at_the_first_colon(string text, TransportKind kind, string path, string? reference)
    {
        var parsed = TransportReference.Parse(text);

        parsed.ShouldBe(new TransportReference(kind, path, reference));
        parsed.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("docker://busybox")]
    [InlineData("dir:/tmp/x")]
    [InlineData("/tmp/image.tar")]
    [InlineData("OCI:/tmp/x")]
    [InlineData("oci:")]
    [InlineData("oci::ref")]
    [InlineData("oci-archive:file.tar:")]
    [InlineData("docker-archive:file.tar:a b")]
    public void Parse_refuses_other_forms_naming_the_accepted_ones(string text)
    {
        Should.Throw<FormatException>(() => TransportReference.Parse(text)).Message.ShouldContain(TransportReference.AcceptedForms);
    }
}
