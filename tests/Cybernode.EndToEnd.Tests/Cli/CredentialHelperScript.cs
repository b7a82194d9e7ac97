namespace Cybernode.EndToEnd.Tests.Cli;

/// <summary>
/// A <c>docker-credential-test</c> helper, a shell script speaking docker's credential helper
/// protocol (the server URL or a JSON login on stdin), keeping each login as a file in a folder.
/// </summary>
public static class CredentialHelperScript
{
    public const string Name = "test";

    /// <summary>Writes the script into <paramref name="folder"/>/bin; returns PATH and the variable the script keeps its files by.</summary>
    public static Dictionary<string, string?> Install(string folder, string kept)
    {
        var bin = Path.Combine(folder, "bin");
        Directory.CreateDirectory(bin);
        Directory.CreateDirectory(kept);
        var script = Path.Combine(bin, "docker-credential-" + Name);
        File.WriteAllText(script, """
            #!/bin/sh
            file() { printf '%s/%s' "$TEST_HELPER_STORE" "$(printf '%s' "$1" | tr '.:' '__')"; }
            case "$1" in
              get) url=$(cat); if [ -f "$(file "$url")" ]; then cat "$(file "$url")"; else echo "credentials not found in native keychain"; exit 1; fi ;;
              store) json=$(cat); url=$(printf '%s' "$json" | jq -r .ServerURL); printf '%s' "$json" > "$(file "$url")" ;;
              erase) url=$(cat); if [ -f "$(file "$url")" ]; then rm "$(file "$url")"; else echo "credentials not found in native keychain"; exit 1; fi ;;
              *) exit 2 ;;
            esac
            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new Dictionary<string, string?>
        {
            ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["TEST_HELPER_STORE"] = kept,
        };
    }

    /// <summary>The file the script keeps the login of <paramref name="host"/> in.</summary>
    public static string FileOf(string kept, string host) => Path.Combine(kept, host.Replace('.', '_').Replace(':', '_'));
}
