namespace Cybernode.Testing;

/// <summary>Which build of the CLI a test runs.</summary>
public enum CliForm
{
    /// <summary>The native executable when ./run-tests names it in CYBERNODE_TEST_CLI, else the built dll.</summary>
    AsShipped,

    /// <summary>The built cybernode.dll under dotnet, whatever ./run-tests names.</summary>
    Dll,
}
