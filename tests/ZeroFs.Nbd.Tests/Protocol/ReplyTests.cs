using System.Buffers;
using ZeroFs.Nbd.Protocol;

namespace ZeroFs.Nbd.Tests.Protocol;

public sealed class ReplyTests
{
    [Fact]
    public void SimpleReply_WriteThenRead_RoundTripsAtEverySplit()
    {
        var output = new ArrayBufferWriter<byte>();
        NbdWriter.WriteSimpleReply(output, NbdError.NoSpace, 0xAABBCCDDEEFF0011);
        var bytes = output.WrittenSpan.ToArray();
        Assert.Equal(Convert.FromHexString("67446698" + "0000001C" + "AABBCCDDEEFF0011"), bytes);
        for (var at = 0; at <= bytes.Length; at++)
        {
            Assert.Equal(OperationStatus.Done, SimpleReply.TryRead(Segments.Split(bytes, at), out var reply));
            Assert.Equal(new SimpleReply(NbdError.NoSpace, 0xAABBCCDDEEFF0011), reply);
        }

        Assert.Equal(OperationStatus.NeedMoreData, SimpleReply.TryRead(new ReadOnlySequence<byte>(bytes[..15]), out _));
        bytes[0] = 0x66;
        Assert.Equal(OperationStatus.InvalidData, SimpleReply.TryRead(new ReadOnlySequence<byte>(bytes), out _));
    }

    [Fact]
    public void OptionReply_WriteThenRead_RoundTripsAtEverySplit()
    {
        var output = new ArrayBufferWriter<byte>();
        NbdWriter.WriteOptionReply(output, NbdOption.Info, OptionReplyType.ErrorUnknown, "no"u8);
        var bytes = output.WrittenSpan.ToArray();
        Assert.Equal(Convert.FromHexString("0003E889045565A9" + "00000006" + "80000006" + "00000002" + "6E6F"), bytes);
        for (var at = 0; at <= bytes.Length; at++)
        {
            Assert.Equal(OperationStatus.Done, OptionReplyHeader.TryRead(Segments.Split(bytes, at), out var header));
            Assert.Equal(new OptionReplyHeader(NbdOption.Info, OptionReplyType.ErrorUnknown, 2), header);
            Assert.True(header.IsError);
        }

        bytes[7] ^= 1;
        Assert.Equal(OperationStatus.InvalidData, OptionReplyHeader.TryRead(new ReadOnlySequence<byte>(bytes), out _));
    }

    [Fact]
    public void Greeting_IsNbdMagicIHaveOptAndFlags()
    {
        var output = new ArrayBufferWriter<byte>();
        NbdWriter.WriteGreeting(output, HandshakeFlags.FixedNewstyle | HandshakeFlags.NoZeroes);
        Assert.Equal(Convert.FromHexString("4E42444D41474943" + "49484156454F5054" + "0003"), output.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(true, 10)]
    [InlineData(false, 134)]
    public void ExportNameReply_SizeFlagsAndOptionalZeroes(bool noZeroes, int length)
    {
        var output = new ArrayBufferWriter<byte>();
        output.GetSpan(200).Fill(0xFF); // the padding must be written as zeros, not left as whatever the buffer held
        NbdWriter.WriteExportNameReply(output, 0x1122334455667788, TransmissionFlags.HasFlags | TransmissionFlags.SendFlush, noZeroes);
        var bytes = output.WrittenSpan.ToArray();
        Assert.Equal(length, bytes.Length);
        Assert.Equal(Convert.FromHexString("1122334455667788" + "0005"), bytes[..10]);
        Assert.All(bytes[10..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void InfoReplies_MatchSpecLayout()
    {
        var output = new ArrayBufferWriter<byte>();
        NbdWriter.WriteExportInfo(output, NbdOption.Go, 1 << 20, TransmissionFlags.HasFlags | TransmissionFlags.CanMultiConn);
        NbdWriter.WriteBlockSizeInfo(output, NbdOption.Go, 1, 32768, 33554432);
        NbdWriter.WriteNameInfo(output, NbdOption.Go, "vol"u8);
        NbdWriter.WriteServerReply(output, "disk"u8);
        Assert.Equal(
            Convert.FromHexString(
                "0003E889045565A9" + "00000007" + "00000003" + "0000000C" + "0000" + "0000000000100000" + "0101" +
                "0003E889045565A9" + "00000007" + "00000003" + "0000000E" + "0003" + "00000001" + "00008000" + "02000000" +
                "0003E889045565A9" + "00000007" + "00000003" + "00000005" + "0001" + "766F6C" +
                "0003E889045565A9" + "00000003" + "00000002" + "00000008" + "00000004" + "6469736B"),
            output.WrittenSpan.ToArray());
    }
}
