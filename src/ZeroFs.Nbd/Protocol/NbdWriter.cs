using System.Buffers;
using System.Buffers.Binary;

namespace ZeroFs.Nbd.Protocol;

/// <summary>
/// Encoders of everything the server sends, straight into an <see cref="IBufferWriter{T}"/> (a
/// <c>PipeWriter</c> in the server): greeting, option replies, the NBD_OPT_EXPORT_NAME reply and
/// simple transmission replies. Big-endian throughout; nothing is allocated.
/// </summary>
public static class NbdWriter
{
    /// <summary>The greeting: NBDMAGIC, IHAVEOPT, handshake flags (18 bytes).</summary>
    public static void WriteGreeting(IBufferWriter<byte> output, HandshakeFlags flags)
    {
        var span = output.GetSpan(NbdConstants.GreetingLength);
        BinaryPrimitives.WriteUInt64BigEndian(span, NbdConstants.NbdMagic);
        BinaryPrimitives.WriteUInt64BigEndian(span[8..], NbdConstants.OptionMagic);
        BinaryPrimitives.WriteUInt16BigEndian(span[16..], (ushort)flags);
        output.Advance(NbdConstants.GreetingLength);
    }

    /// <summary>An option reply with <paramref name="data"/> (empty for ACK and most errors).</summary>
    public static void WriteOptionReply(IBufferWriter<byte> output, NbdOption option, OptionReplyType type, ReadOnlySpan<byte> data = default)
    {
        var length = NbdConstants.OptionReplyHeaderLength + data.Length;
        var span = output.GetSpan(length);
        new OptionReplyHeader(option, type, (uint)data.Length).Write(span);
        data.CopyTo(span[NbdConstants.OptionReplyHeaderLength..]);
        output.Advance(length);
    }

    /// <summary>NBD_REP_SERVER for one export of an NBD_OPT_LIST: <c>name_length[4] name</c>.</summary>
    public static void WriteServerReply(IBufferWriter<byte> output, ReadOnlySpan<byte> name)
    {
        var length = NbdConstants.OptionReplyHeaderLength + 4 + name.Length;
        var span = output.GetSpan(length);
        new OptionReplyHeader(NbdOption.List, OptionReplyType.Server, (uint)(4 + name.Length)).Write(span);
        BinaryPrimitives.WriteUInt32BigEndian(span[NbdConstants.OptionReplyHeaderLength..], (uint)name.Length);
        name.CopyTo(span[(NbdConstants.OptionReplyHeaderLength + 4)..]);
        output.Advance(length);
    }

    /// <summary>NBD_REP_INFO with NBD_INFO_EXPORT: <c>type[2] size[8] flags[2]</c>.</summary>
    public static void WriteExportInfo(IBufferWriter<byte> output, NbdOption option, ulong size, TransmissionFlags flags)
    {
        const int Data = 12;
        var span = output.GetSpan(NbdConstants.OptionReplyHeaderLength + Data);
        new OptionReplyHeader(option, OptionReplyType.Info, Data).Write(span);
        var body = span[NbdConstants.OptionReplyHeaderLength..];
        BinaryPrimitives.WriteUInt16BigEndian(body, (ushort)InfoType.Export);
        BinaryPrimitives.WriteUInt64BigEndian(body[2..], size);
        BinaryPrimitives.WriteUInt16BigEndian(body[10..], (ushort)flags);
        output.Advance(NbdConstants.OptionReplyHeaderLength + Data);
    }

    /// <summary>NBD_REP_INFO with NBD_INFO_BLOCK_SIZE: <c>type[2] minimum[4] preferred[4] maximum[4]</c>.</summary>
    public static void WriteBlockSizeInfo(IBufferWriter<byte> output, NbdOption option, uint minimum, uint preferred, uint maximumPayload)
    {
        const int Data = 14;
        var span = output.GetSpan(NbdConstants.OptionReplyHeaderLength + Data);
        new OptionReplyHeader(option, OptionReplyType.Info, Data).Write(span);
        var body = span[NbdConstants.OptionReplyHeaderLength..];
        BinaryPrimitives.WriteUInt16BigEndian(body, (ushort)InfoType.BlockSize);
        BinaryPrimitives.WriteUInt32BigEndian(body[2..], minimum);
        BinaryPrimitives.WriteUInt32BigEndian(body[6..], preferred);
        BinaryPrimitives.WriteUInt32BigEndian(body[10..], maximumPayload);
        output.Advance(NbdConstants.OptionReplyHeaderLength + Data);
    }

    /// <summary>NBD_REP_INFO with NBD_INFO_NAME: <c>type[2] name</c>.</summary>
    public static void WriteNameInfo(IBufferWriter<byte> output, NbdOption option, ReadOnlySpan<byte> name)
    {
        var length = NbdConstants.OptionReplyHeaderLength + 2 + name.Length;
        var span = output.GetSpan(length);
        new OptionReplyHeader(option, OptionReplyType.Info, (uint)(2 + name.Length)).Write(span);
        BinaryPrimitives.WriteUInt16BigEndian(span[NbdConstants.OptionReplyHeaderLength..], (ushort)InfoType.Name);
        name.CopyTo(span[(NbdConstants.OptionReplyHeaderLength + 2)..]);
        output.Advance(length);
    }

    /// <summary>The reply to NBD_OPT_EXPORT_NAME: <c>size[8] flags[2]</c>, then 124 zeros unless <paramref name="noZeroes"/>.</summary>
    public static void WriteExportNameReply(IBufferWriter<byte> output, ulong size, TransmissionFlags flags, bool noZeroes)
    {
        var length = NbdConstants.ExportNameReplyLength + (noZeroes ? 0 : NbdConstants.ExportNameReplyPadding);
        var span = output.GetSpan(length);
        BinaryPrimitives.WriteUInt64BigEndian(span, size);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)flags);
        span[NbdConstants.ExportNameReplyLength..length].Clear();
        output.Advance(length);
    }

    /// <summary>A simple reply header (16 bytes); a successful READ's data is written after it.</summary>
    public static void WriteSimpleReply(IBufferWriter<byte> output, NbdError error, ulong cookie)
    {
        var span = output.GetSpan(NbdConstants.SimpleReplyLength);
        new SimpleReply(error, cookie).Write(span);
        output.Advance(NbdConstants.SimpleReplyLength);
    }
}
