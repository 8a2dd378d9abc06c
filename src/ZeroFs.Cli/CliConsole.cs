namespace ZeroFs.Cli;

/// <summary>The process's streams and environment, passed to commands so that nothing reaches for globals.</summary>
/// <param name="Out">Command output (STDOUT).</param>
/// <param name="Error">Messages and errors (STDERR; logs go there too).</param>
/// <param name="In">Input (STDIN).</param>
/// <param name="Environment">Looks up an environment variable; <see langword="null"/> = unset.</param>
/// <param name="IsInteractive">True when STDIN is a terminal, so a password may be prompted for.</param>
internal sealed record CliConsole(
    TextWriter Out, TextWriter Error, TextReader In, Func<string, string?> Environment, bool IsInteractive)
{
    public static CliConsole System { get; } = new(
        Console.Out, Console.Error, Console.In, global::System.Environment.GetEnvironmentVariable, !Console.IsInputRedirected);
}
