namespace ZeroFs.Cli;

/// <summary>Process exit codes (CLI.md).</summary>
internal static class ExitCodes
{
    /// <summary>Success (also a clean shutdown on SIGINT/SIGTERM).</summary>
    public const int Ok = 0;

    /// <summary>Runtime failure: wrong password, unreachable or incompatible store, uninitialised bucket.</summary>
    public const int Failure = 1;

    /// <summary>Usage or config error.</summary>
    public const int Usage = 2;
}
