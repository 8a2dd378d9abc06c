using System.Buffers;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Tests.Protocol;

public class NinePPayloadTests
{
    [Theory]
    [InlineData("Twrite/typical")]
    [InlineData("Twrite/max")]
    [InlineData("Twrite/zero")]
    public void TryParseTwrite_SplitAtEveryByte_MatchesTheSpanParser(string name)
    {
        var frame = MessageSamples.ByName[name].Frame;
        Assert.Equal(OperationStatus.Done, Twrite.TryParse(frame.AsSpan(7), out var expected));
        var expectedData = expected.Data.ToArray();
        for (var at = 1; at < frame.Length; at++)
        {
            var sequence = Segments.Split(frame, at);
            Assert.Equal(OperationStatus.Done, NinePFrame.TryReadFrame(sequence, 1 << 20, out var header, out _));

            var status = NinePPayload.TryParseTwrite(NinePFrame.GetBody(sequence, header), out var fid, out var offset, out var data);

            Assert.Equal(OperationStatus.Done, status);
            Assert.Equal((expected.Fid, expected.Offset), (fid, offset));
            Assert.Equal(expectedData, data.ToArray());
        }
    }

    [Theory]
    [InlineData("Rread/typical")]
    [InlineData("Rread/zero")]
    public void TryParseRread_SplitAtEveryByte_MatchesTheSpanParser(string name)
    {
        var frame = MessageSamples.ByName[name].Frame;
        Assert.Equal(OperationStatus.Done, Rread.TryParse(frame.AsSpan(7), out var expected));
        var expectedData = expected.Data.ToArray();
        for (var at = 1; at < frame.Length; at++)
        {
            var sequence = Segments.Split(frame, at);
            Assert.Equal(OperationStatus.Done, NinePFrame.TryReadFrame(sequence, 1 << 20, out var header, out _));

            Assert.Equal(OperationStatus.Done, NinePPayload.TryParseRread(NinePFrame.GetBody(sequence, header), out var data));
            Assert.Equal(expectedData, data.ToArray());
        }
    }

    [Fact]
    public void TryParse_EveryTruncationAndAnExtraByte_IsInvalidData()
    {
        var twrite = MessageSamples.ByName["Twrite/max"].Frame.AsSpan(7).ToArray();
        var rread = MessageSamples.ByName["Rread/max"].Frame.AsSpan(7).ToArray();
        for (var length = 0; length < twrite.Length; length++)
        {
            Assert.Equal(OperationStatus.InvalidData, NinePPayload.TryParseTwrite(new ReadOnlySequence<byte>(twrite, 0, length), out _, out _, out _));
        }

        for (var length = 0; length < rread.Length; length++)
        {
            Assert.Equal(OperationStatus.InvalidData, NinePPayload.TryParseRread(new ReadOnlySequence<byte>(rread, 0, length), out _));
        }

        Assert.Equal(OperationStatus.InvalidData, NinePPayload.TryParseTwrite(new ReadOnlySequence<byte>([.. twrite, 0]), out _, out _, out _));
        Assert.Equal(OperationStatus.InvalidData, NinePPayload.TryParseRread(new ReadOnlySequence<byte>([.. rread, 0]), out _));
    }

    [Fact]
    public void WriteDataReplyHeader_PayloadFilledInPlace_EqualsTheCodecEncoding()
    {
        var sample = MessageSamples.ByName["Rread/typical"];
        var output = new ArrayBufferWriter<byte>();
        var span = output.GetSpan(NinePPayload.DataReplyHeaderLength + 4096);
        MessageSamples.Payload4K.CopyTo(span[NinePPayload.DataReplyHeaderLength..]);

        var length = NinePPayload.WriteDataReplyHeader(span, MessageType.Rread, sample.Tag, 4096);
        output.Advance(length);

        Assert.Equal(sample.Frame, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void WriteDataReplyHeader_OtherMessageType_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NinePPayload.WriteDataReplyHeader(new byte[11], MessageType.Rwrite, 1, 0));
    }
}
