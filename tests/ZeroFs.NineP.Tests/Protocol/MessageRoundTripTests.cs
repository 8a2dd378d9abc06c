using System.Buffers;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Tests.Protocol;

public class MessageRoundTripTests
{
    public static TheoryData<string> SampleNames() => MessageSamples.Names();

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Message_EncodeDecode_IsEqualAndReencodesIdentically(string name)
    {
        var sample = MessageSamples.ByName[name];
        var sequence = new ReadOnlySequence<byte>(sample.Frame);

        var status = NinePFrame.TryReadFrame(sequence, (uint)sample.Frame.Length, out var header, out var end);

        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal(new FrameHeader((uint)sample.Frame.Length, sample.Type, sample.Tag), header);
        Assert.Equal(sequence.End, end);
        using var body = ContiguousBody.Create(NinePFrame.GetBody(sequence, header));
        var reencoded = new ArrayBufferWriter<byte>();
        Assert.Equal(OperationStatus.Done, AnyMessage.TryParse(header.Type, body.Span, out var description, reencoded, header.Tag));
        Assert.Equal(sample.Description, description);
        Assert.Equal(sample.Frame, reencoded.WrittenSpan.ToArray());
    }

    [Fact]
    public void Samples_CoverEveryMessageType()
    {
        var covered = MessageSamples.All.Select(s => s.Type).ToHashSet();
        Assert.Equal(57, AnyMessage.AllTypes.Length);
        Assert.All(AnyMessage.AllTypes, t => Assert.Contains(t, covered));
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Message_SplitAcrossTwoSegmentsAtEveryByte_ParsesIdentically(string name)
    {
        var sample = MessageSamples.ByName[name];
        for (var at = 1; at < sample.Frame.Length; at++)
        {
            var sequence = Segments.Split(sample.Frame, at);

            var status = NinePFrame.TryReadFrame(sequence, 1 << 20, out var header, out var end);

            Assert.Equal(OperationStatus.Done, status);
            Assert.Equal(sequence.End, end);
            using var body = ContiguousBody.Create(NinePFrame.GetBody(sequence, header));
            var reencoded = new ArrayBufferWriter<byte>();
            Assert.Equal(OperationStatus.Done, AnyMessage.TryParse(header.Type, body.Span, out var description, reencoded, header.Tag));
            Assert.Equal(sample.Description, description);
            Assert.True(sample.Frame.AsSpan().SequenceEqual(reencoded.WrittenSpan), $"{name} split at {at}");
        }
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Message_EveryTruncatedBody_IsInvalidDataNotAnException(string name)
    {
        var sample = MessageSamples.ByName[name];
        var body = sample.Frame.AsSpan(FrameHeader.EncodedLength);
        for (var length = 0; length < body.Length; length++)
        {
            var status = AnyMessage.TryParse(sample.Type, body[..length], out _);
            if (sample.Type == MessageType.Tfsync && length == 4)
            {
                Assert.Equal(OperationStatus.Done, status);
                continue;
            }

            Assert.Equal(OperationStatus.InvalidData, status);
        }
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Message_WithTrailingByte_IsInvalidData(string name)
    {
        var sample = MessageSamples.ByName[name];
        var body = sample.Frame.AsSpan(FrameHeader.EncodedLength).ToArray().Append((byte)0).ToArray();

        Assert.Equal(OperationStatus.InvalidData, AnyMessage.TryParse(sample.Type, body, out _));
    }
}
