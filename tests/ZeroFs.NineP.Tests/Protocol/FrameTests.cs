using System.Buffers;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Tests.Protocol;

public class FrameTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void TryReadFrame_FewerThanFourBytes_NeedsMoreData(int length)
    {
        var status = NinePFrame.TryReadFrame(new ReadOnlySequence<byte>(new byte[length]), 8192, out _, out _);

        Assert.Equal(OperationStatus.NeedMoreData, status);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(6u)]
    [InlineData(8193u)]
    [InlineData(uint.MaxValue)]
    public void TryReadFrame_BadSize_IsInvalidAsSoonAsTheSizeIsKnown(uint size)
    {
        var bytes = BitConverter.GetBytes(size);

        var status = NinePFrame.TryReadFrame(new ReadOnlySequence<byte>(bytes), 8192, out _, out _);

        Assert.Equal(OperationStatus.InvalidData, status);
    }

    [Fact]
    public void TryReadFrame_SizeEqualToMsize_IsAccepted()
    {
        var frame = new byte[8192];
        BitConverter.GetBytes(8192u).CopyTo(frame, 0);
        frame[4] = (byte)MessageType.Rread;

        Assert.Equal(OperationStatus.Done, NinePFrame.TryReadFrame(new ReadOnlySequence<byte>(frame), 8192, out var header, out _));
        Assert.Equal(8192 - 7, header.BodyLength);
        Assert.Equal(OperationStatus.NeedMoreData, NinePFrame.TryReadFrame(new ReadOnlySequence<byte>(frame, 0, 8191), 8192, out _, out _));
    }

    [Fact]
    public void TryReadFrame_TwoFramesBackToBack_StopsAtTheFirst()
    {
        var one = MessageSamples.ByName["Rclunk/typical"].Frame;
        var two = MessageSamples.ByName["Rlerror/typical"].Frame;
        var sequence = new ReadOnlySequence<byte>([.. one, .. two]);

        Assert.Equal(OperationStatus.Done, NinePFrame.TryReadFrame(sequence, 8192, out var first, out var end));
        Assert.Equal(MessageType.Rclunk, first.Type);
        Assert.Equal(OperationStatus.Done, NinePFrame.TryReadFrame(sequence.Slice(end), 8192, out var second, out _));
        Assert.Equal(MessageType.Rlerror, second.Type);
    }

    [Fact]
    public void ContiguousBody_SingleSegment_DoesNotCopy()
    {
        var frame = MessageSamples.ByName["Twrite/typical"].Frame;
        var sequence = new ReadOnlySequence<byte>(frame);
        Assert.Equal(OperationStatus.Done, NinePFrame.TryReadFrame(sequence, 1 << 20, out var header, out _));

        using var body = ContiguousBody.Create(NinePFrame.GetBody(sequence, header));

        Assert.False(body.IsPooled);
        Assert.Equal(frame.Length - 7, body.Span.Length);
    }

    [Fact]
    public void ContiguousBody_Straddling_CopiesIntoAPooledBuffer()
    {
        var frame = MessageSamples.ByName["Twrite/typical"].Frame;
        var sequence = Segments.Split(frame, 100);
        Assert.Equal(OperationStatus.Done, NinePFrame.TryReadFrame(sequence, 1 << 20, out var header, out _));

        using var body = ContiguousBody.Create(NinePFrame.GetBody(sequence, header));

        Assert.True(body.IsPooled);
        Assert.True(body.Span.SequenceEqual(frame.AsSpan(7)));
    }

    [Fact]
    public void WriteFrame_OverAWriterWithTinySpans_ProducesTheSameBytes()
    {
        var sample = MessageSamples.ByName["Twrite/typical"];
        var tiny = new TinySpanWriter();
        Assert.Equal(OperationStatus.Done, AnyMessage.TryParse(sample.Type, sample.Frame.AsSpan(7), out _, tiny, sample.Tag));

        Assert.Equal(sample.Frame, tiny.Written.ToArray());
    }

    /// <summary>Hands out 16-byte spans, so every field write crosses buffers.</summary>
    private sealed class TinySpanWriter : IBufferWriter<byte>
    {
        private readonly List<byte> _written = [];
        private byte[] _current = new byte[16];

        public IReadOnlyList<byte> Written => _written;

        public void Advance(int count) => _written.AddRange(_current.AsSpan(0, count));

        public Memory<byte> GetMemory(int sizeHint = 0) => _current = new byte[Math.Max(sizeHint, 16)];

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }
}
