using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>FSINFO3res (RFC 1813 §3.3.19): transfer sizes and properties.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Attributes">The root's attributes.</param>
/// <param name="ReadMax">rtmax.</param>
/// <param name="ReadPreferred">rtpref.</param>
/// <param name="ReadMultiple">rtmult.</param>
/// <param name="WriteMax">wtmax.</param>
/// <param name="WritePreferred">wtpref.</param>
/// <param name="WriteMultiple">wtmult.</param>
/// <param name="DirectoryPreferred">dtpref.</param>
/// <param name="MaxFileSize">maxfilesize.</param>
/// <param name="TimeDelta">time_delta: the server's time granularity.</param>
/// <param name="Properties">properties.</param>
public readonly record struct FsInfoReply(Nfs3Status Status, Nfs3Attributes? Attributes, uint ReadMax, uint ReadPreferred, uint ReadMultiple, uint WriteMax, uint WritePreferred, uint WriteMultiple, uint DirectoryPreferred, ulong MaxFileSize, NfsTime TimeDelta, FsInfoProperties Properties) : IXdrMessage<FsInfoReply>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out FsInfoReply value)
    {
        value = default;
        if (!reader.TryReadUInt32(out var status) || !Nfs3Xdr.TryReadPostOpAttributes(ref reader, out var attributes))
        {
            return false;
        }

        if (status != 0)
        {
            value = new FsInfoReply((Nfs3Status)status, attributes, 0, 0, 0, 0, 0, 0, 0, 0, default, default);
            return true;
        }

        var ok = reader.TryReadUInt32(out var rtmax) & reader.TryReadUInt32(out var rtpref) & reader.TryReadUInt32(out var rtmult) &
            reader.TryReadUInt32(out var wtmax) & reader.TryReadUInt32(out var wtpref) & reader.TryReadUInt32(out var wtmult) &
            reader.TryReadUInt32(out var dtpref) & reader.TryReadUInt64(out var maxFileSize) & Nfs3Xdr.TryReadTime(ref reader, out var delta) &
            reader.TryReadUInt32(out var properties);
        value = new FsInfoReply(Nfs3Status.Ok, attributes, rtmax, rtpref, rtmult, wtmax, wtpref, wtmult, dtpref, maxFileSize, delta, (FsInfoProperties)properties);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        writer.WriteUInt32((uint)Status);
        Nfs3Xdr.WritePostOpAttributes(ref writer, Attributes);
        if (Status == Nfs3Status.Ok)
        {
            writer.WriteUInt32(ReadMax);
            writer.WriteUInt32(ReadPreferred);
            writer.WriteUInt32(ReadMultiple);
            writer.WriteUInt32(WriteMax);
            writer.WriteUInt32(WritePreferred);
            writer.WriteUInt32(WriteMultiple);
            writer.WriteUInt32(DirectoryPreferred);
            writer.WriteUInt64(MaxFileSize);
            Nfs3Xdr.WriteTime(ref writer, TimeDelta);
            writer.WriteUInt32((uint)Properties);
        }
    }
}
