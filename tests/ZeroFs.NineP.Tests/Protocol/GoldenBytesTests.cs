using System.Buffers;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Tests.Protocol;

/// <summary>Frames computed by hand from the 9P2000.L layout (little-endian size[4] type[1] tag[2] body).</summary>
public class GoldenBytesTests
{
    [Fact]
    public void Tversion_Msize8192_MatchesSpec()
    {
        // size 21 = 7 + msize[4] + len[2] + "9P2000.L"[8]; type 100; tag NOTAG.
        byte[] expected =
        [
            0x15, 0x00, 0x00, 0x00, 0x64, 0xFF, 0xFF,
            0x00, 0x20, 0x00, 0x00,
            0x08, 0x00, (byte)'9', (byte)'P', (byte)'2', (byte)'0', (byte)'0', (byte)'0', (byte)'.', (byte)'L',
        ];

        Assert.Equal(expected, MessageSamples.Encode(NinePConstants.NoTag, new Tversion(8192, NinePConstants.Version)));
        AssertParses(expected, "Tversion { MessageSize = 8192, Version = \"9P2000.L\" }");
    }

    [Fact]
    public void Rlerror_Enoent_MatchesSpec()
    {
        byte[] expected = [0x0B, 0x00, 0x00, 0x00, 0x07, 0x2A, 0x00, 0x02, 0x00, 0x00, 0x00];

        Assert.Equal(expected, MessageSamples.Encode(42, new Rlerror(P9Errno.ENOENT)));
        AssertParses(expected, "Rlerror { Errno = 2 }");
    }

    [Fact]
    public void Twalk_TwoNames_MatchesSpec()
    {
        // fid 1, newfid 2, nwname 2, "usr", "lib": 7 + 4 + 4 + 2 + 5 + 5 = 27 bytes.
        byte[] expected =
        [
            0x1B, 0x00, 0x00, 0x00, 0x6E, 0x05, 0x00,
            0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
            0x02, 0x00,
            0x03, 0x00, (byte)'u', (byte)'s', (byte)'r',
            0x03, 0x00, (byte)'l', (byte)'i', (byte)'b',
        ];

        Assert.Equal(expected, MessageSamples.Encode(5, new Twalk(1, 2, new WalkNames(MessageSamples.TwoNames))));
        AssertParses(expected, "Twalk { Fid = 1, NewFid = 2, Names = [\"usr\", \"lib\"] }");
    }

    [Fact]
    public void Rreaddir_TwoEntries_MatchesSpec()
    {
        // Entries "." (dir, path 1, cookie 1, DT_DIR 4) and "a" (file, version 2, path 0x10, cookie 2, DT_REG 8):
        // each qid[13] offset[8] type[1] name[2+1] = 25 bytes; count 50; frame 7 + 4 + 50 = 61.
        byte[] expected =
        [
            0x3D, 0x00, 0x00, 0x00, 0x29, 0x07, 0x00,
            0x32, 0x00, 0x00, 0x00,
            0x80, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x04, 0x01, 0x00, (byte)'.',
            0x00, 0x02, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x08, 0x01, 0x00, (byte)'a',
        ];
        var data = new byte[50];
        Assert.True(new DirectoryEntry(new Qid(QidType.Directory, 0, 1), 1, 4, "."u8).TryWrite(data, out var first));
        Assert.True(new DirectoryEntry(new Qid(QidType.File, 2, 0x10), 2, 8, "a"u8).TryWrite(data.AsSpan(first), out var second));
        Assert.Equal(50, first + second);

        Assert.Equal(expected, MessageSamples.Encode(7, new Rreaddir(data)));

        Assert.Equal(OperationStatus.Done, Rreaddir.TryParse(expected.AsSpan(7), out var reply));
        var reader = new DirectoryEntryReader(reply.Data);
        Assert.True(reader.TryReadNext(out var dot));
        Assert.Equal("DirectoryEntry { Qid = Qid { Type = Directory, Version = 0, Path = 1 }, Offset = 1, Type = 4, Name = \".\" }", dot.ToString());
        Assert.True(reader.TryReadNext(out var a));
        Assert.Equal((new Qid(QidType.File, 2, 0x10), 2UL, (byte)8), (a.Qid, a.Offset, a.Type));
        Assert.True(a.Name.SequenceEqual("a"u8));
        Assert.False(reader.TryReadNext(out _));
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Rread_Payload_IsASliceOfTheFrameNotACopy()
    {
        var frame = MessageSamples.Encode(9, new Rread([1, 2, 3]));
        Assert.Equal([0x0E, 0, 0, 0, 0x75, 0x09, 0x00, 0x03, 0, 0, 0, 1, 2, 3], frame);

        Assert.Equal(OperationStatus.Done, Rread.TryParse(frame.AsSpan(7), out var reply));

        Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(ref frame[11], ref System.Runtime.InteropServices.MemoryMarshal.GetReference(reply.Data)));
    }

    private static void AssertParses(byte[] frame, string description)
    {
        var sequence = new ReadOnlySequence<byte>(frame);
        Assert.Equal(OperationStatus.Done, NinePFrame.TryReadFrame(sequence, 8192, out var header, out _));
        Assert.Equal(OperationStatus.Done, AnyMessage.TryParse(header.Type, frame.AsSpan(7), out var actual));
        Assert.Equal(description, actual);
    }
}
