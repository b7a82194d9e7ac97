using Cybernode.Oci.Transports;

namespace Cybernode.Oci.Tests.Transports;

public class TransportReferenceTests
{
    [Theory]
    [InlineData("oci:/tmp/layout", "oci", "/tmp/layout", null)]
    [InlineData("oci:out:cybernode/x:latest", "oci", "out", "cybernode/x:latest")]
    [InlineData("oci-archive:img.tar", "oci-archive", "img.tar", null)]
    [InlineData("oci-archive:img.tar:latest", "oci-archive", "img.tar", "latest")]
    [InlineData("docker-archive:/a/b.tar:busybox:1.36", "docker-archive", "/a/b.tar", "busybox:1.36")]
    public void Parse_splits_transport_path_and_reference_at_the_first_colon(string text, string transport, string path, string? reference)
    {
        var parsed = TransportReference.Parse(text);

        parsed.ShouldBe(new TransportReference(TransportRegistry.Find(transport)!, path, reference));
        parsed.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("docker-daemon:busybox")]
    [InlineData("dir:/tmp/x")]
    [InlineData("/tmp/image.tar")]
    [InlineData("OCI:/tmp/x")]
    public void Parse_refuses_other_forms_naming_the_accepted_ones(string text)
    {
        Should.Throw<FormatException>(() => TransportReference.Parse(text)).Message.ShouldContain(TransportReference.AcceptedForms);
    }

    [Theory]
    [InlineData("oci:", "names no folder", "oci:DIR[:REF]")]
    [InlineData("oci::ref", "names no folder", "oci:DIR[:REF]")]
    [InlineData("oci-archive:file.tar:", "empty or blank reference", "oci-archive:FILE[:REF]")]
    [InlineData("docker-archive:file.tar:a b", "empty or blank reference", "docker-archive:FILE[:REF]")]
    public void Parse_refuses_a_bad_location_naming_the_form_of_its_transport(string text, string problem, string form)
    {
        var message = Should.Throw<FormatException>(() => TransportReference.Parse(text)).Message;

        message.ShouldContain(problem);
        message.ShouldContain(form);
    }
}

public class TransportRegistryTests
{
    [Fact]
    public void Every_transport_is_found_by_the_name_skopeo_gives_it_and_parses_its_own_form()
    {
        foreach (var transport in TransportRegistry.All)
        {
            TransportRegistry.Find(transport.Name).ShouldBeSameAs(transport);
            TransportRegistry.AcceptedForms.ShouldContain(transport.Form);
            // "//somewhere": a path to the file transports, an image on a registry to docker.
            TransportReference.Parse($"{transport.Name}://somewhere").Transport.ShouldBeSameAs(transport);
        }
    }

    [Fact]
    public void A_name_no_transport_has_is_not_a_transport_location()
    {
        TransportReference.TryParse("./oci-archive.tar", out _).ShouldBeFalse();
        TransportReference.TryParse("relative/path:tag", out _).ShouldBeFalse();
    }
}
