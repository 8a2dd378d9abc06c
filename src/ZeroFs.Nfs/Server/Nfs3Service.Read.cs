using System.Buffers;
using ZeroFs.Nfs.Nfs3;

namespace ZeroFs.Nfs.Server;

/// <summary>READ: into a rented buffer, then straight into the reply.</summary>
internal sealed partial class Nfs3Service
{
    private async ValueTask ReadAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<ReadArgs>(call, out var args))
        {
            return;
        }

        var (status, attributes) = await ResolveAsync(args.File, cancellationToken).ConfigureAwait(false);
        if (status != Nfs3Status.Ok)
        {
            RpcDispatcher.Reply(call, new ReadReply(status, null, 0, false, default));
            return;
        }

        var count = (int)Math.Min(args.Count, (uint)_maxTransfer);
        if (args.Offset > long.MaxValue || count == 0)
        {
            var empty = RpcDispatcher.BeginSuccess(call);
            ReadReply.WriteHeader(ref empty, Nfs3Status.Ok, ToNfs3(attributes), 0, args.Offset >= (ulong)attributes.Size);
            empty.WriteOpaque([]);
            empty.Commit();
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(count);
        try
        {
            var result = await _fs.ReadAsync(call.Credentials, attributes.Id, (long)args.Offset, buffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
            if (!result.IsOk)
            {
                RpcDispatcher.Reply(call, new ReadReply(NfsStatusMap.ToNfs3(result.Status), ToNfs3(attributes), 0, false, default));
                return;
            }

            // Post-operation attributes are the ones read just before (a READ changes nothing: noatime).
            var read = result.Value;
            var writer = RpcDispatcher.BeginSuccess(call);
            ReadReply.WriteHeader(ref writer, Nfs3Status.Ok, ToNfs3(attributes), (uint)read.Count, read.EndOfFile);
            writer.WriteOpaque(buffer.AsSpan(0, read.Count));
            writer.Commit();
            NfsMetrics.BytesRead.Add(read.Count);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
