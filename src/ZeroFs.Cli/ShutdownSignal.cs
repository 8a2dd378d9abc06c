using System.Runtime.InteropServices;

namespace ZeroFs.Cli;

/// <summary>
/// Turns SIGINT and SIGTERM into a cancellation, so that <c>zerofs run</c> stops its host and exits 0
/// instead of being killed mid-write.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration[] _registrations;
    private volatile string? _signalName;

    public ShutdownSignal()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Fires on the first signal.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>The signal that fired (<c>SIGTERM</c>), or <see langword="null"/>.</summary>
    public string? SignalName => _signalName;

    /// <summary>Completes when a signal arrives.</summary>
    public Task WaitAsync()
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _cancellation.Token.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), completion);
        return completion.Task;
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancellation.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Keep the process alive: the run loop shuts down and returns the exit code itself.
        context.Cancel = true;
        _signalName ??= context.Signal.ToString();
        _cancellation.Cancel();
    }
}
