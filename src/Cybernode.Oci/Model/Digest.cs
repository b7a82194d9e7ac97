using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace Cybernode.Oci.Model;

/// <summary>A content address as the OCI image spec writes it: <c>algorithm:hex</c>.</summary>
[JsonConverter(typeof(DigestJsonConverter))]
public sealed record Digest
{
    public const string Sha256Algorithm = "sha256";

    private Digest(string algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    public string Algorithm { get; }

    public string Hex { get; }

    public static Digest Sha256(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException($"a sha256 hash has {SHA256.HashSizeInBytes} bytes, not {hash.Length}", nameof(hash));
        }

        return new Digest(Sha256Algorithm, Convert.ToHexStringLower(hash));
    }

    public static Digest Compute(ReadOnlySpan<byte> content) => Sha256(SHA256.HashData(content));

    public static Digest Parse(string text) =>
        TryParse(text, out var digest)
            ? digest
            : throw new FormatException($"'{text}' is not a digest: expected sha256: followed by 64 lower-case hex digits");

    public static bool TryParse(string? text, out Digest digest)
    {
        digest = null!;
        if (text is null || !text.StartsWith(Sha256Algorithm + ":", StringComparison.Ordinal))
        {
            return false;
        }

        var hex = text[(Sha256Algorithm.Length + 1)..];
        if (hex.Length != 64 || !hex.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
        {
            return false;
        }

        digest = new Digest(Sha256Algorithm, hex);
        return true;
    }

    public override string ToString() => $"{Algorithm}:{Hex}";
}
