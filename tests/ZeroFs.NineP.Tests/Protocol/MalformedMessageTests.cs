using System.Buffers;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Tests.Protocol;

public class MalformedMessageTests
{
    [Fact]
    public void Twalk_SeventeenNames_IsInvalidData()
    {
        byte[] body = [1, 0, 0, 0, 2, 0, 0, 0, 17, 0, .. Enumerable.Repeat<byte>(0, 34)];

        Assert.Equal(OperationStatus.InvalidData, Twalk.TryParse(body, out _));
    }

    [Fact]
    public void Rwalk_SeventeenQids_IsInvalidData()
    {
        byte[] body = [17, 0, .. new byte[17 * 13]];

        Assert.Equal(OperationStatus.InvalidData, Rwalk.TryParse(body, out _));
    }

    [Fact]
    public void WalkNames_SeventeenToSend_Throws()
    {
        var names = Enumerable.Repeat("a"u8.ToArray(), 17).ToArray();

        Assert.Throws<ArgumentOutOfRangeException>(() => new WalkNames(names));
    }

    [Fact]
    public void Twalk_NameLengthPastTheEnd_IsInvalidData()
    {
        byte[] body = [1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0xFF, 0xFF, (byte)'a'];

        Assert.Equal(OperationStatus.InvalidData, Twalk.TryParse(body, out _));
    }

    [Fact]
    public void Rread_CountPastTheEnd_IsInvalidData()
    {
        byte[] body = [0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3];

        Assert.Equal(OperationStatus.InvalidData, Rread.TryParse(body, out _));
    }

    [Fact]
    public void Twrite_CountAboveIntMax_IsInvalidData()
    {
        byte[] body = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0x00, 0x80];

        Assert.Equal(OperationStatus.InvalidData, Twrite.TryParse(body, out _));
    }

    [Fact]
    public void Tfsync_WithoutDataSync_ReadsAsZero()
    {
        byte[] body = [7, 0, 0, 0];

        Assert.Equal(OperationStatus.Done, Tfsync.TryParse(body, out var message));
        Assert.Equal((7u, 0u), (message.Fid, message.DataSync));
    }

    [Fact]
    public void Tversion_NonUtf8Version_ParsesAsBytes()
    {
        byte[] body = [0, 0x20, 0, 0, 2, 0, 0xC3, 0x28];

        Assert.Equal(OperationStatus.Done, Tversion.TryParse(body, out var message));
        Assert.Equal(new byte[] { 0xC3, 0x28 }, message.Version.ToArray());
    }

    [Fact]
    public void DirectoryEntryReader_TruncatedEntry_StopsAndIsNotAtEnd()
    {
        var data = new byte[30];
        Assert.True(new DirectoryEntry(default, 1, 8, "abc"u8).TryWrite(data, out var written));
        var reader = new DirectoryEntryReader(data.AsSpan(0, written - 1));

        Assert.False(reader.TryReadNext(out _));
        Assert.False(reader.IsAtEnd);
    }

    [Fact]
    public void DirectoryEntry_TooSmallDestination_ReturnsFalse()
    {
        Assert.False(new DirectoryEntry(default, 1, 8, "abc"u8).TryWrite(new byte[26], out var written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void WriteString_LongerThan65535_Throws()
    {
        var name = new byte[65536];

        Assert.Throws<ArgumentOutOfRangeException>(() => MessageSamples.Encode(1, new Treadlink(1)) is null || MessageSamples.Encode(1, new Rreadlink(name)) is null);
    }
}
