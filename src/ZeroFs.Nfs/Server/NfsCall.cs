using System.Buffers;
using ZeroFs.FileSystem;
using ZeroFs.Nfs.Rpc;
using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Server;

/// <summary>
/// One call in flight: its record (in a pooled buffer, so decoded names and WRITE data are slices of
/// it), the decoded header, the caller's credentials and the reply being built. A session reuses
/// these objects between calls.
/// </summary>
internal sealed class NfsCall
{
    private const int KeepBytes = 64 * 1024;

    private byte[] _record = [];
    private int _recordLength;

    public ReplyBuffer Reply { get; } = new();

    public ReadOnlyMemory<byte> Record => _record.AsMemory(0, _recordLength);

    public uint Xid { get; set; }

    public uint Program { get; set; }

    public uint Version { get; set; }

    public uint Procedure { get; set; }

    public int ArgumentsOffset { get; set; }

    public Credentials Credentials { get; set; }

    /// <summary>The AUTH_SYS machine name (empty for AUTH_NONE).</summary>
    public ReadOnlyMemory<byte> MachineName { get; set; }

    /// <summary>The local port of the connection, for portmapper GETPORT (0 when unknown).</summary>
    public int LocalPort { get; set; }

    public long StartTimestamp { get; set; }

    public void Load(in ReadOnlySequence<byte> wire, int length)
    {
        if (_record.Length < length)
        {
            if (_record.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_record);
            }

            _record = ArrayPool<byte>.Shared.Rent(Math.Max(length, 4096));
        }

        RecordMarking.CopyRecord(wire, _record.AsSpan(0, length));
        _recordLength = length;
        Reply.Reset();
    }

    /// <summary>A reader positioned at the procedure's arguments.</summary>
    public XdrReader ArgumentsReader()
    {
        var reader = new XdrReader(Record);
        reader.Position = ArgumentsOffset;
        return reader;
    }

    /// <summary>Drops per-call state; large buffers go back to the pool.</summary>
    public void Recycle()
    {
        if (_record.Length > KeepBytes)
        {
            ArrayPool<byte>.Shared.Return(_record);
            _record = [];
        }

        _recordLength = 0;
        MachineName = default;
        Credentials = default;
        Reply.Reset();
    }

    public void Release()
    {
        if (_record.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_record);
            _record = [];
        }

        Reply.Release();
    }
}
