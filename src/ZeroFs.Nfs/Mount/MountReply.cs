using ZeroFs.Nfs.Nfs3;
using ZeroFs.Nfs.Rpc;
using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Mount;

/// <summary>mountres3 (RFC 1813 appendix I): on success the export's root handle and the auth flavors accepted.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Handle">The root handle (on success).</param>
/// <param name="Flavors">The flavors accepted, preferred first (on success).</param>
public readonly record struct MountReply(MountStatus Status, NfsFileHandle Handle, IReadOnlyList<RpcAuthFlavor> Flavors) : IXdrMessage<MountReply>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out MountReply value)
    {
        value = default;
        if (!reader.TryReadUInt32(out var status))
        {
            return false;
        }

        var flavors = new List<RpcAuthFlavor>();
        if (status != 0)
        {
            value = new MountReply((MountStatus)status, default, flavors);
            return true;
        }

        if (!NfsFileHandle.TryRead(ref reader, out var handle) || !reader.TryReadUInt32(out var count) || count > 64)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadUInt32(out var flavor))
            {
                return false;
            }

            flavors.Add((RpcAuthFlavor)flavor);
        }

        value = new MountReply(MountStatus.Ok, handle, flavors);
        return true;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        writer.WriteUInt32((uint)Status);
        if (Status != MountStatus.Ok)
        {
            return;
        }

        Handle.Write(ref writer);
        writer.WriteUInt32((uint)Flavors.Count);
        foreach (var flavor in Flavors)
        {
            writer.WriteUInt32((uint)flavor);
        }
    }
}
