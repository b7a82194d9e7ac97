namespace Cybernode.Cli;

/// <summary>Exit codes, as scripts around docker-like tools expect them.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A build or command failed because of its input (bad Dockerfile, missing image, failed build step).</summary>
    public const int Failure = 1;

    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 2;

    /// <summary>An error nobody foresaw (EX_SOFTWARE); its trace is in a crash report file.</summary>
    public const int InternalError = 70;

    /// <summary>Interrupted (Ctrl-C), as a shell reports SIGINT.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM, as a shell reports it (128 + 15).</summary>
    public const int Terminated = 143;
}
