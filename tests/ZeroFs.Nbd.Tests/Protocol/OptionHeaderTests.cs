using System.Buffers;
using ZeroFs.Nbd.Protocol;

namespace ZeroFs.Nbd.Tests.Protocol;

public sealed class OptionHeaderTests
{
    private static readonly OptionHeader Sample = new(NbdOption.Go, 0x01020304);

    [Fact]
    public void Write_ThenRead_RoundTripsAndMatchesSpecLayout()
    {
        var bytes = new byte[NbdConstants.OptionHeaderLength];
        Sample.Write(bytes);
        Assert.Equal(Convert.FromHexString("49484156454F5054" + "00000007" + "01020304"), bytes);
        Assert.Equal(OperationStatus.Done, OptionHeader.TryRead(bytes, out var parsed));
        Assert.Equal(Sample, parsed);
    }

    [Fact]
    public void TryRead_SplitAtEveryByte_ParsesTheSameHeader()
    {
        var bytes = new byte[NbdConstants.OptionHeaderLength + 3];
        Sample.Write(bytes);
        for (var at = 0; at <= bytes.Length; at++)
        {
            Assert.Equal(OperationStatus.Done, OptionHeader.TryRead(Segments.Split(bytes, at), out var parsed));
            Assert.Equal(Sample, parsed);
        }
    }

    [Fact]
    public void TryRead_ShortPrefixes_NeedMoreData_GarbageIsInvalid()
    {
        var bytes = new byte[NbdConstants.OptionHeaderLength];
        Sample.Write(bytes);
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Equal(OperationStatus.NeedMoreData, OptionHeader.TryRead(new ReadOnlySequence<byte>(bytes[..length]), out _));
        }

        var random = new Random(9);
        for (var i = 0; i < 10_000; i++)
        {
            random.NextBytes(bytes);
            bytes[0] ^= bytes[0] == 0x49 ? (byte)1 : (byte)0;
            Assert.Equal(OperationStatus.InvalidData, OptionHeader.TryRead(bytes, out _));
        }
    }

    [Fact]
    public void UnknownOptionCode_IsKeptAsIs()
    {
        var bytes = Convert.FromHexString("49484156454F5054" + "0000FFFF" + "00000000");
        Assert.Equal(OperationStatus.Done, OptionHeader.TryRead(bytes, out var parsed));
        Assert.Equal((NbdOption)0xFFFF, parsed.Option);
    }
}
