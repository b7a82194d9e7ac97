using Cybernode.Oci.Model;

namespace Cybernode.Oci.Tests.Model;

public class ImageReferenceTests
{
    private const string Hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Theory]
    [InlineData("busybox", "docker.io", "library/busybox", null, "busybox:latest")]
    [InlineData("busybox:1.36", "docker.io", "library/busybox", "1.36", "busybox:1.36")]
    [InlineData("docker.io/library/busybox:1.36", "docker.io", "library/busybox", "1.36", "busybox:1.36")]
    [InlineData("docker.io/busybox", "docker.io", "library/busybox", null, "busybox:latest")]
    [InlineData("cybernode/base-cyberinfo", "docker.io", "cybernode/base-cyberinfo", null, "cybernode/base-cyberinfo:latest")]
    [InlineData("localhost:5000/a/b:t", "localhost:5000", "a/b", "t", "localhost:5000/a/b:t")]
    [InlineData("localhost/app", "localhost", "app", null, "localhost/app:latest")]
    [InlineData("quay.io/org/img:v1.2_3-x", "quay.io", "org/img", "v1.2_3-x", "quay.io/org/img:v1.2_3-x")]
    [InlineData("index.docker.io/library/ubuntu:22.04", "docker.io", "library/ubuntu", "22.04", "ubuntu:22.04")]
    [InlineData("127.0.0.1:5000/fullnode-btcd", "127.0.0.1:5000", "fullnode-btcd", null, "127.0.0.1:5000/fullnode-btcd:latest")]
    [InlineData("[::1]:5000/app:1", "[::1]:5000", "app", "1", "[::1]:5000/app:1")]
    [InlineData("Registry.Example/app", "Registry.Example", "app", null, "Registry.Example/app:latest")]
    [InlineData("localhost:5000/golang:1.8", "localhost:5000", "golang", "1.8", "localhost:5000/golang:1.8")]
    public void Parse_normalises_as_docker_does_and_gives_the_familiar_name_back(string text, string registry, string repository, string? tag, string familiar)
    {
        var reference = ImageReference.Parse(text);

        reference.Registry.ShouldBe(registry);
        reference.Repository.ShouldBe(repository);
        reference.Tag.ShouldBe(tag);
        reference.Digest.ShouldBeNull();
        reference.FamiliarName.ShouldBe(familiar);
    }

    [Fact]
    public void Parse_reads_a_digest_and_keeps_it_without_inventing_a_tag()
    {
        var reference = ImageReference.Parse($"a/b@sha256:{Hex}");

        reference.Repository.ShouldBe("a/b");
        reference.Tag.ShouldBeNull();
        reference.Digest.ShouldBe(Digest.Parse("sha256:" + Hex));
        reference.FamiliarName.ShouldBe($"a/b@sha256:{Hex}");
    }

    [Fact]
    public void Parse_keeps_both_tag_and_digest()
    {
        ImageReference.Parse($"busybox:1.36@sha256:{Hex}").FamiliarName.ShouldBe($"busybox:1.36@sha256:{Hex}");
    }

    [Theory]
    [InlineData("Busybox", "repository")]
    [InlineData("cybernode/App:latest", "repository")]
    [InlineData("a//b", "repository")]
    [InlineData("a/b-", "repository")]
    [InlineData("busybox:", "tag")]
    [InlineData("busybox:-bad", "tag")]
    [InlineData("busybox:.bad", "tag")]
    [InlineData("busybox:bad!", "tag")]
    [InlineData("a/b@sha256:abc", "digest")]
    [InlineData("", "empty")]
    [InlineData("host:port/app", "registry")]
    [InlineData("-bad.example/app", "registry")]
    [InlineData("registry.example:5000/", "repository")]
    public void Parse_refuses_invalid_references_saying_which_part_is_wrong(string text, string part)
    {
        ImageReference.TryParse(text, out _, out var problem).ShouldBeFalse();
        problem.ShouldContain(part);
        Should.Throw<FormatException>(() => ImageReference.Parse(text));
    }

    [Fact]
    public void Parse_refuses_a_tag_longer_than_128_characters()
    {
        ImageReference.TryParse("busybox:" + new string('a', 128), out _, out _).ShouldBeTrue();
        ImageReference.TryParse("busybox:" + new string('a', 129), out _, out var problem).ShouldBeFalse();
        problem.ShouldContain("128");
    }

    [Fact]
    public void Parse_refuses_a_name_longer_than_docker_accepts()
    {
        ImageReference.TryParse("a/" + new string('b', 243), out _, out _).ShouldBeTrue();
        ImageReference.TryParse("a/" + new string('b', 244), out _, out var problem).ShouldBeFalse();
        problem.ShouldContain("255");
    }

    [Theory]
    [InlineData("busybox", "docker.io/library/busybox:latest", "latest")]
    [InlineData("127.0.0.1:5000/app:1", "127.0.0.1:5000/app:1", "1")]
    [InlineData("app:1@sha256:" + Hex, "docker.io/library/app:1@sha256:" + Hex, "sha256:" + Hex)]
    public void The_full_name_and_the_manifest_reference_are_what_a_registry_is_asked_for(string text, string full, string manifestReference)
    {
        var reference = ImageReference.Parse(text);

        reference.FullName.ShouldBe(full);
        reference.ManifestReference.ShouldBe(manifestReference);
    }
}
