namespace ZeroFs.EndToEnd.Tests.Infrastructure;

/// <summary>What one guest boot produced.</summary>
/// <param name="ExitCode">The guest script's exit status.</param>
/// <param name="Stdout">The guest command's stdout.</param>
/// <param name="Stderr">The guest command's stderr, plus vm-run's own messages.</param>
/// <param name="Elapsed">Wall time including the boot.</param>
internal sealed record RigRun(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>The end of both streams, for failure messages.</summary>
    public string Tail(int lines) =>
        $"guest exit {ExitCode} after {Elapsed.TotalSeconds:F0}s\nstdout:\n{TextTail.Of(Stdout, lines)}\nstderr:\n{TextTail.Of(Stderr, lines)}";
}
