namespace ZeroFs.Cli;

/// <summary>The zerofs entry point.</summary>
public static class Program
{
    /// <summary>Runs the command line; the return value is the process exit code (see <see cref="ExitCodes"/>).</summary>
    public static Task<int> Main(string[] args) => CliApplication.RunAsync(args);
}
