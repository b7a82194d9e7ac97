using System.Text.Json;

namespace Cybernode.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Validates JSON against the OCI image-spec schemas Debian ships, with Debian's python3-jsonschema:
/// an oracle that owes nothing to our own code.
/// </summary>
public sealed class OciSchemaValidator
{
    public const string SchemaDirectory = "/usr/share/gocode/src/github.com/opencontainers/image-spec/schema";

    // Debian's interpreter, not whichever python3 is first on PATH: only it has python3-jsonschema.
    private const string Python = "/usr/bin/python3";

    // The schemas are draft-04 and name each other by file name relative to nested "id"s such as
    // https://opencontainers.org/schema/descriptor, so every https URL is served from the local file
    // with the same base name; nothing is fetched.
    private const string Script = """
        import json, os, sys, urllib.parse
        import jsonschema

        schema_dir, schema_file = sys.argv[1], sys.argv[2]

        def load(name):
            with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
                return json.load(f)

        def local(uri):
            return load(os.path.basename(urllib.parse.urlsplit(uri).path))

        schema = load(schema_file)
        resolver = jsonschema.RefResolver.from_schema(schema, handlers={"https": local, "http": local})
        validator = jsonschema.Draft4Validator(schema, resolver=resolver, format_checker=jsonschema.FormatChecker())
        document = json.load(sys.stdin)
        errors = sorted(
            "/" + "/".join(str(p) for p in e.absolute_path) + ": " + e.message
            for e in validator.iter_errors(document))
        json.dump(errors, sys.stdout)
        """;

    /// <summary>Returns the schema violations of <paramref name="json"/>; empty when it is valid.</summary>
    public async Task<IReadOnlyList<string>> ValidateAsync(
        string schemaFile,
        string json,
        CancellationToken cancellationToken = default)
    {
        var python = RequiredTool.FindFile(Python, "python3-jsonschema");
        RequiredTool.FindFile(Path.Combine(SchemaDirectory, schemaFile), "golang-github-opencontainers-image-spec-dev");
        var result = await ProcessRunner.RunAsync(
            python,
            ["-c", Script, SchemaDirectory, schemaFile],
            new ProcessOptions { StandardInput = json },
            cancellationToken);
        result.EnsureSuccess();
        return JsonSerializer.Deserialize<List<string>>(result.StandardOutput)
            ?? throw new InvalidOperationException($"The validator printed no result: {result.StandardOutput}");
    }
}
