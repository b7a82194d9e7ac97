namespace Cybernode.EndToEnd.Tests.Infrastructure;

public class OciSchemaValidatorTests
{
    private const string Digest = "sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b";

    private readonly OciSchemaValidator _validator = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accepts_a_valid_manifest()
    {
        var errors = await _validator.ValidateAsync("image-manifest-schema.json", Manifest(Digest), Token);

        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Rejects_a_bad_digest_inside_a_referenced_descriptor_schema()
    {
        // The digest pattern lives in defs-descriptor.json, two $refs away from the manifest schema:
        // this fails only if the cross-file references resolve.
        var errors = await _validator.ValidateAsync("image-manifest-schema.json", Manifest("not a digest"), Token);

        errors.ShouldContain(error => error.StartsWith("/config/digest:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rejects_a_manifest_without_layers_or_with_the_wrong_schema_version()
    {
        const string json = """{"schemaVersion": 1, "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b", "size": 7}}""";

        var errors = await _validator.ValidateAsync("image-manifest-schema.json", json, Token);

        errors.ShouldContain(error => error.Contains("layers", StringComparison.Ordinal));
        errors.ShouldContain(error => error.StartsWith("/schemaVersion:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validates_configs_and_indexes_too()
    {
        const string config = """{"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": []}, "config": {"Env": ["A=1"]}}""";
        var index = $$$"""{"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "{{{Digest}}}", "size": 7, "platform": {"architecture": "amd64", "os": "linux"}}]}""";

        (await _validator.ValidateAsync("config-schema.json", config, Token)).ShouldBeEmpty();
        (await _validator.ValidateAsync("image-index-schema.json", index, Token)).ShouldBeEmpty();
        (await _validator.ValidateAsync("config-schema.json", """{"architecture": 5, "os": "linux"}""", Token))
            .ShouldContain(error => error.StartsWith("/architecture:", StringComparison.Ordinal));
    }

    private static string Manifest(string configDigest) => $$"""
        {
          "schemaVersion": 2,
          "mediaType": "application/vnd.oci.image.manifest.v1+json",
          "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "{{configDigest}}", "size": 7},
          "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "{{Digest}}", "size": 32}]
        }
        """;
}
