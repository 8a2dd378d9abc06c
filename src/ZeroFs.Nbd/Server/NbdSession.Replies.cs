using System.Buffers;
using ZeroFs.Nbd.Protocol;

namespace ZeroFs.Nbd.Server;

/// <summary>Simple replies: one writer at a time, in completion order.</summary>
internal sealed partial class NbdSession
{
    /// <summary>
    /// Sends a simple reply, with <paramref name="data"/> after a successful READ. A client that can no
    /// longer be written to closes the session; this never throws.
    /// </summary>
    private async ValueTask ReplyAsync(NbdError error, ulong cookie, ReadOnlyMemory<byte> data)
    {
        var token = _closing.Token;
        try
        {
            await _writeLock.WaitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var broken = false;
        try
        {
            NbdWriter.WriteSimpleReply(_output, error, cookie);
            if (!data.IsEmpty)
            {
                _output.Write(data.Span);
            }

            var flushed = await _output.FlushAsync(token).ConfigureAwait(false);
            broken = flushed.IsCompleted || flushed.IsCanceled;
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or InvalidOperationException)
        {
            broken = true;
        }
        finally
        {
            _writeLock.Release();
        }

        if (broken && !token.IsCancellationRequested)
        {
            await _closing.CancelAsync().ConfigureAwait(false);
        }
    }
}
