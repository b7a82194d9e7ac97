using System.Diagnostics;

namespace Cybernode.Build.Tests;

/// <summary>Files that are not regular files, as a careless user or an attacker may leave them where one is expected.</summary>
public static class SpecialFiles
{
    public static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        mkfifo.ExitCode.ShouldBe(0);
    }

    /// <summary>A file of <paramref name="size"/> bytes that takes no disk space.</summary>
    public static void MakeSparse(string path, long size)
    {
        using var file = File.Create(path);
        file.SetLength(size);
    }
}
