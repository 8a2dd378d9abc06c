using System.Buffers;
using ZeroFs.Nbd.Protocol;

namespace ZeroFs.Nbd.Tests.Protocol;

public sealed class RequestHeaderTests
{
    private static readonly RequestHeader Sample = new(CommandFlags.Fua | CommandFlags.NoHole, NbdCommand.WriteZeroes, 0x0102030405060708, 0xFFEE_DDCC_BBAA_9988, 0xDEADBEEF);

    [Fact]
    public void Write_ThenRead_RoundTrips()
    {
        var bytes = new byte[NbdConstants.RequestHeaderLength];
        Sample.Write(bytes);
        Assert.Equal(OperationStatus.Done, RequestHeader.TryRead(bytes, out var parsed));
        Assert.Equal(Sample, parsed);
    }

    [Fact]
    public void Write_ProducesSpecLayout()
    {
        var bytes = new byte[NbdConstants.RequestHeaderLength];
        new RequestHeader(CommandFlags.Fua, NbdCommand.Write, 7, 512, 4096).Write(bytes);
        Assert.Equal(
            Convert.FromHexString("25609513" + "0001" + "0001" + "0000000000000007" + "0000000000000200" + "00001000"),
            bytes);
    }

    [Fact]
    public void TryRead_SplitAtEveryByte_ParsesTheSameHeader()
    {
        var bytes = new byte[NbdConstants.RequestHeaderLength + 5];
        Sample.Write(bytes);
        for (var at = 0; at <= bytes.Length; at++)
        {
            Assert.Equal(OperationStatus.Done, RequestHeader.TryRead(Segments.Split(bytes, at), out var parsed));
            Assert.Equal(Sample, parsed);
        }
    }

    [Fact]
    public void TryRead_EveryShortPrefix_NeedsMoreData()
    {
        var bytes = new byte[NbdConstants.RequestHeaderLength];
        Sample.Write(bytes);
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            Assert.Equal(OperationStatus.NeedMoreData, RequestHeader.TryRead(new ReadOnlySequence<byte>(prefix), out _));
            Assert.Equal(OperationStatus.NeedMoreData, RequestHeader.TryRead(prefix.AsSpan(), out _));
        }
    }

    [Fact]
    public void TryRead_Garbage_IsInvalidDataNeverAnException()
    {
        var random = new Random(5);
        var bytes = new byte[NbdConstants.RequestHeaderLength];
        for (var i = 0; i < 10_000; i++)
        {
            random.NextBytes(bytes);
            if (bytes[0] == 0x25)
            {
                bytes[0] = 0x26;
            }

            Assert.Equal(OperationStatus.InvalidData, RequestHeader.TryRead(new ReadOnlySequence<byte>(bytes), out _));
        }
    }

    [Fact]
    public void TryRead_HistoricMagic_IsInvalidData()
    {
        var bytes = Convert.FromHexString("12560953" + "0000" + "0000" + "0000000000000001" + "0000000000000000" + "00000200");
        Assert.Equal(OperationStatus.InvalidData, RequestHeader.TryRead(bytes, out _));
    }
}
