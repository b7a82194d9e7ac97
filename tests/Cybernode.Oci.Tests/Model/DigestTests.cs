using System.Text;
using Cybernode.Oci.Model;

namespace Cybernode.Oci.Tests.Model;

public class DigestTests
{
    private const string AbcHex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Fact]
    public void Parse_reads_algorithm_and_hex_and_formats_them_back()
    {
        var digest = Digest.Parse("sha256:" + AbcHex);

        digest.Algorithm.ShouldBe("sha256");
        digest.Hex.ShouldBe(AbcHex);
        digest.ToString().ShouldBe("sha256:" + AbcHex);
    }

    [Theory]
    [InlineData("")]
    [InlineData(AbcHex)]
    [InlineData("sha256:" + "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")]
    [InlineData("sha256:abc")]
    [InlineData("sha512:" + AbcHex)]
    [InlineData("sha256:" + AbcHex + "0")]
    public void Parse_refuses_anything_but_sha256_with_64_lower_case_hex_digits(string text)
    {
        Digest.TryParse(text, out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => Digest.Parse(text)).Message.ShouldContain("64 lower-case hex");
    }

    [Fact]
    public void Compute_is_the_sha256_of_the_content()
    {
        Digest.Compute(Encoding.ASCII.GetBytes("abc")).Hex.ShouldBe(AbcHex);
    }

    [Fact]
    public void Equal_digests_compare_equal_as_values()
    {
        Digest.Parse("sha256:" + AbcHex).ShouldBe(Digest.Compute(Encoding.ASCII.GetBytes("abc")));
    }

    [Fact]
    public void Json_writes_a_digest_as_its_string_and_reads_it_back()
    {
        var descriptor = new Descriptor(MediaTypes.Layer, Digest.Parse("sha256:" + AbcHex), 3);

        var json = Encoding.UTF8.GetString(OciJson.Serialize(descriptor));

        json.ShouldBe($"{{\"mediaType\":\"{MediaTypes.Layer}\",\"digest\":\"sha256:{AbcHex}\",\"size\":3}}");
        OciJson.Deserialize<Descriptor>(Encoding.UTF8.GetBytes(json), "test").ShouldBe(descriptor);
    }

    [Fact]
    public void Json_refuses_a_malformed_digest_with_an_oci_format_error()
    {
        var json = Encoding.UTF8.GetBytes($"{{\"mediaType\":\"{MediaTypes.Layer}\",\"digest\":\"md5:abc\",\"size\":3}}");

        Should.Throw<OciFormatException>(() => OciJson.Deserialize<Descriptor>(json, "descriptor")).Message.ShouldContain("md5:abc");
    }
}
