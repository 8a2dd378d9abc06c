using System.Buffers;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Tests.Protocol;

/// <summary>
/// Seeded random inputs: random bytes, truncations and mutations of valid frames through framing and
/// every body parser. Only clean statuses may come out; any exception fails the test.
/// </summary>
public class FuzzTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomBytes_OnlyCleanStatuses(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 3000; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            if (bytes.Length >= 4 && random.Next(2) == 0)
            {
                BitConverter.GetBytes((uint)bytes.Length).CopyTo(bytes, 0);
            }

            Exercise(bytes, random);
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    public void MutatedAndTruncatedFrames_OnlyCleanStatuses(int seed)
    {
        var random = new Random(seed);
        foreach (var sample in MessageSamples.All)
        {
            for (var i = 0; i < 40; i++)
            {
                var bytes = (byte[])sample.Frame.Clone();
                var mutations = random.Next(1, 4);
                for (var m = 0; m < mutations; m++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                if (random.Next(3) == 0)
                {
                    bytes = bytes[..random.Next(bytes.Length)];
                }

                Exercise(bytes, random);
            }
        }
    }

    [Fact]
    public void Regression_StringLengthOneByteShortOfTheBody_IsInvalidData()
    {
        // Tattach whose aname claims 3 bytes while 2 remain, followed by n_uname that is one byte short.
        byte[] body = [1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 1, 0, (byte)'u', 3, 0, (byte)'a', (byte)'b'];

        Assert.Equal(OperationStatus.InvalidData, AnyMessage.TryParse(MessageType.Tattach, body, out _));
    }

    [Fact]
    public void Regression_UnknownTypeByte_FramesButDoesNotParse()
    {
        byte[] frame = [7, 0, 0, 0, 0x6A, 1, 0];

        Assert.Equal(OperationStatus.Done, NinePFrame.TryReadFrame(new ReadOnlySequence<byte>(frame), 8192, out var header, out _));
        Assert.Equal(OperationStatus.InvalidData, AnyMessage.TryParse(header.Type, default, out _));
    }

    private static void Exercise(byte[] bytes, Random random)
    {
        var maxSize = (uint)random.Next(7, 10_000);
        var sequence = bytes.Length > 1 ? Segments.Split(bytes, random.Next(1, bytes.Length)) : new ReadOnlySequence<byte>(bytes);
        var status = NinePFrame.TryReadFrame(sequence, maxSize, out var header, out _);
        Assert.True(status is OperationStatus.Done or OperationStatus.NeedMoreData or OperationStatus.InvalidData);
        if (status == OperationStatus.Done)
        {
            using var body = ContiguousBody.Create(NinePFrame.GetBody(sequence, header));
            AnyMessage.TryParse(header.Type, body.Span, out _);
        }

        var raw = bytes.AsSpan(Math.Min(bytes.Length, FrameHeader.EncodedLength));
        foreach (var type in AnyMessage.AllTypes)
        {
            var parsed = AnyMessage.TryParse(type, raw, out var description);
            Assert.True(parsed is OperationStatus.Done or OperationStatus.InvalidData);
            Assert.Equal(parsed == OperationStatus.Done, description is not null);
        }

        var entries = new DirectoryEntryReader(raw);
        while (entries.TryReadNext(out _))
        {
        }
    }
}
