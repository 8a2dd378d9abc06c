using System.Buffers;
using ZeroFs.Nfs.Mount;
using ZeroFs.Nfs.Nfs3;
using ZeroFs.Nfs.Rpc;
using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Tests.Codec;

/// <summary>
/// Every procedure's arguments and results: encode, decode, re-encode gives the same bytes and
/// consumes everything; every strict prefix fails to decode; random bytes never throw.
/// </summary>
public sealed class MessageRoundTripTests
{
    private static readonly NfsFileHandle Handle = new(7, 12345, 99);
    private static readonly NfsFileHandle Other = new(7, 1, 1);
    private static readonly Nfs3Attributes Attributes = new(
        Nfs3FileType.Regular, 0x1A4, 2, 1000, 100, 123456789, 123457536, 8, 1, 7, 12345, new NfsTime(1, 2), new NfsTime(3, 4), new NfsTime(5, 6));
    private static readonly Nfs3SetAttributes Set = new(0x1ED, 1, 2, 4096, new SetTime(TimeHow.ClientTime, new NfsTime(9, 10)), new SetTime(TimeHow.ServerTime, default));
    private static readonly WccData Wcc = new(new WccAttributes(10, new NfsTime(1, 1), new NfsTime(2, 2)), Attributes);
    private static readonly DirOpArgs Where = new(Handle, "a name"u8.ToArray());

    public static TheoryData<string> Messages() => new(Cases.Keys);

    private static readonly Dictionary<string, Func<(byte[] Bytes, Func<byte[], (bool Ok, byte[] Reencoded, int Remaining)> RoundTrip)>> Cases = new()
    {
        ["HandleArgs"] = () => Case(new HandleArgs(Handle)),
        ["SetAttrArgs"] = () => Case(new SetAttrArgs(Handle, Set, new NfsTime(5, 6))),
        ["SetAttrArgs.NoGuard"] = () => Case(new SetAttrArgs(Handle, default, null)),
        ["DirOpArgs"] = () => Case(Where),
        ["AccessArgs"] = () => Case(new AccessArgs(Handle, AccessBits.Read | AccessBits.Delete)),
        ["ReadArgs"] = () => Case(new ReadArgs(Handle, ulong.MaxValue - 1, 1 << 20)),
        ["WriteArgs"] = () => Case(new WriteArgs(Handle, 4096, 5, StableHow.DataSync, new byte[] { 1, 2, 3, 4, 5 })),
        ["CreateArgs.Guarded"] = () => Case(new CreateArgs(Where, CreateMode.Guarded, Set, 0)),
        ["CreateArgs.Exclusive"] = () => Case(new CreateArgs(Where, CreateMode.Exclusive, default, 0xFEDCBA9876543210)),
        ["MkdirArgs"] = () => Case(new MkdirArgs(Where, Set)),
        ["SymlinkArgs"] = () => Case(new SymlinkArgs(Where, Set, "../x/y"u8.ToArray())),
        ["MknodArgs.Char"] = () => Case(new MknodArgs(Where, Nfs3FileType.CharDevice, Set, 4, 64)),
        ["MknodArgs.Fifo"] = () => Case(new MknodArgs(Where, Nfs3FileType.Fifo, Set, 0, 0)),
        ["MknodArgs.Regular"] = () => Case(new MknodArgs(Where, Nfs3FileType.Regular, default, 0, 0)),
        ["RenameArgs"] = () => Case(new RenameArgs(Where, new DirOpArgs(Other, "b"u8.ToArray()))),
        ["LinkArgs"] = () => Case(new LinkArgs(Other, Where)),
        ["ReadDirArgs"] = () => Case(new ReadDirArgs(Handle, 77, 88, 4096)),
        ["ReadDirPlusArgs"] = () => Case(new ReadDirPlusArgs(Handle, 77, 88, 4096, 32768)),
        ["CommitArgs"] = () => Case(new CommitArgs(Handle, 1, 2)),
        ["MountArgs"] = () => Case(new MountArgs("/export/path"u8.ToArray())),
        ["PortmapMapping"] = () => Case(new PortmapMapping(100003, 3, 6, 2049)),
        ["GetAttrReply"] = () => Case(new GetAttrReply(Nfs3Status.Ok, Attributes)),
        ["GetAttrReply.Fail"] = () => Case(new GetAttrReply(Nfs3Status.Stale, default)),
        ["WccReply"] = () => Case(new WccReply(Nfs3Status.NotSync, Wcc)),
        ["LookupReply"] = () => Case(new LookupReply(Nfs3Status.Ok, Handle, Attributes, null)),
        ["LookupReply.Fail"] = () => Case(new LookupReply(Nfs3Status.NoEntry, default, null, Attributes)),
        ["AccessReply"] = () => Case(new AccessReply(Nfs3Status.Ok, Attributes, AccessBits.Lookup)),
        ["ReadLinkReply"] = () => Case(new ReadLinkReply(Nfs3Status.Ok, Attributes, "target"u8.ToArray())),
        ["ReadReply"] = () => Case(new ReadReply(Nfs3Status.Ok, Attributes, 3, true, new byte[] { 9, 8, 7 })),
        ["ReadReply.Fail"] = () => Case(new ReadReply(Nfs3Status.IsDirectory, null, 0, false, default)),
        ["WriteReply"] = () => Case(new WriteReply(Nfs3Status.Ok, Wcc, 5, StableHow.Unstable, 0x1122334455667788)),
        ["CreateReply"] = () => Case(new CreateReply(Nfs3Status.Ok, Handle, Attributes, Wcc)),
        ["CreateReply.Fail"] = () => Case(new CreateReply(Nfs3Status.Exists, null, null, Wcc)),
        ["RenameReply"] = () => Case(new RenameReply(Nfs3Status.Ok, Wcc, default)),
        ["LinkReply"] = () => Case(new LinkReply(Nfs3Status.Ok, Attributes, Wcc)),
        ["ReadDirReply"] = () => Case(new ReadDirReply(Nfs3Status.Ok, Attributes, 42, [new ReadDirEntry(1, "."u8.ToArray(), 1), new ReadDirEntry(5, "file"u8.ToArray(), 9)], true)),
        ["ReadDirReply.Fail"] = () => Case(new ReadDirReply(Nfs3Status.BadCookie, Attributes, 0, [], false)),
        ["ReadDirPlusReply"] = () => Case(new ReadDirPlusReply(Nfs3Status.Ok, null, 42, [new ReadDirPlusEntry(5, "f"u8.ToArray(), 9, Attributes, Handle), new ReadDirPlusEntry(6, "g"u8.ToArray(), 10, null, null)], false)),
        ["FsStatReply"] = () => Case(new FsStatReply(Nfs3Status.Ok, Attributes, 1, 2, 3, 4, 5, 6, 7)),
        ["FsInfoReply"] = () => Case(new FsInfoReply(Nfs3Status.Ok, Attributes, 1, 2, 3, 4, 5, 6, 7, 8, new NfsTime(0, 1), FsInfoProperties.Link)),
        ["PathConfReply"] = () => Case(new PathConfReply(Nfs3Status.Ok, Attributes, 1, 2, true, false, true, false)),
        ["CommitReply"] = () => Case(new CommitReply(Nfs3Status.Ok, Wcc, 5)),
        ["MountReply"] = () => Case(new MountReply(MountStatus.Ok, Handle, [RpcAuthFlavor.Sys, RpcAuthFlavor.None])),
        ["MountReply.Fail"] = () => Case(new MountReply(MountStatus.AccessDenied, default, [])),
        ["ExportReply"] = () => Case(new ExportReply([new ExportEntry("/"u8.ToArray(), []), new ExportEntry("/b"u8.ToArray(), ["g1"u8.ToArray(), "host"u8.ToArray()])])),
        ["MountListReply"] = () => Case(new MountListReply([new MountEntry("h"u8.ToArray(), "/"u8.ToArray())])),
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Message_RoundTrips_ToTheSameBytes(string name)
    {
        var (bytes, roundTrip) = Cases[name]();
        Assert.True(bytes.Length >= 4 && bytes.Length % 4 == 0, $"{bytes.Length} bytes");
        var (ok, reencoded, remaining) = roundTrip(bytes);
        Assert.True(ok);
        Assert.Equal(0, remaining);
        Assert.Equal(bytes, reencoded);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Message_EveryStrictPrefix_FailsToDecode(string name)
    {
        var (bytes, roundTrip) = Cases[name]();
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(roundTrip(bytes[..length]).Ok, $"a {length}-byte prefix of {bytes.Length} decoded");
        }
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Message_RandomBytes_NeverThrow(string name)
    {
        var (bytes, roundTrip) = Cases[name]();
        var rng = new Random(name.Length * 31);
        for (var i = 0; i < 300; i++)
        {
            var noisy = bytes.ToArray();
            for (var flips = rng.Next(1, 6); flips > 0; flips--)
            {
                noisy[rng.Next(noisy.Length)] = (byte)rng.Next(256);
            }

            _ = roundTrip(noisy[..rng.Next(noisy.Length + 1)]);
        }
    }

    [Fact]
    public void Attributes_Decoded_EqualTheOriginal()
    {
        var bytes = Encode(new GetAttrReply(Nfs3Status.Ok, Attributes));
        var reader = new XdrReader(bytes.AsMemory());
        Assert.True(GetAttrReply.TryRead(ref reader, out var reply));
        Assert.Equal(Attributes, reply.Attributes);
        Assert.Equal(4 + Nfs3Attributes.EncodedLength, bytes.Length);
    }

    [Fact]
    public void Handle_IsTwentyEightBytes_AndGarbageIsNotWellFormed()
    {
        var bytes = Encode(new HandleArgs(Handle));
        Assert.Equal(4 + 28, bytes.Length);
        Assert.Equal(Handle, NfsFileHandle.Parse(bytes.AsSpan(4)));
        Assert.False(NfsFileHandle.Parse(bytes.AsSpan(4, 27)).IsWellFormed);
        var bad = bytes.AsSpan(4).ToArray();
        bad[0] = 2;
        Assert.False(NfsFileHandle.Parse(bad).IsWellFormed);
    }

    [Fact]
    public void FailureReply_HasTheShapeOfEachProcedure()
    {
        foreach (var procedure in Enum.GetValues<Nfs3Procedure>().Where(p => p != Nfs3Procedure.Null))
        {
            var buffer = new ArrayBufferWriter<byte>();
            var writer = new XdrWriter(buffer);
            Nfs3FailureReply.Write(ref writer, procedure, Nfs3Status.IO);
            writer.Commit();
            var bytes = buffer.WrittenSpan.ToArray();
            var decoded = procedure switch
            {
                Nfs3Procedure.GetAttr => Decodes<GetAttrReply>(bytes),
                Nfs3Procedure.SetAttr or Nfs3Procedure.Remove or Nfs3Procedure.RemoveDirectory => Decodes<WccReply>(bytes),
                Nfs3Procedure.Lookup => Decodes<LookupReply>(bytes),
                Nfs3Procedure.Access => Decodes<AccessReply>(bytes),
                Nfs3Procedure.ReadLink => Decodes<ReadLinkReply>(bytes),
                Nfs3Procedure.Read => Decodes<ReadReply>(bytes),
                Nfs3Procedure.Write => Decodes<WriteReply>(bytes),
                Nfs3Procedure.Create or Nfs3Procedure.MakeDirectory or Nfs3Procedure.Symlink or Nfs3Procedure.MakeNode => Decodes<CreateReply>(bytes),
                Nfs3Procedure.Rename => Decodes<RenameReply>(bytes),
                Nfs3Procedure.Link => Decodes<LinkReply>(bytes),
                Nfs3Procedure.ReadDir => Decodes<ReadDirReply>(bytes),
                Nfs3Procedure.ReadDirPlus => Decodes<ReadDirPlusReply>(bytes),
                Nfs3Procedure.FsStat => Decodes<FsStatReply>(bytes),
                Nfs3Procedure.FsInfo => Decodes<FsInfoReply>(bytes),
                Nfs3Procedure.PathConf => Decodes<PathConfReply>(bytes),
                Nfs3Procedure.Commit => Decodes<CommitReply>(bytes),
                _ => false,
            };
            Assert.True(decoded, $"{procedure}");
        }
    }

    private static bool Decodes<T>(byte[] bytes)
        where T : IXdrMessage<T>
    {
        var reader = new XdrReader(bytes.AsMemory());
        return T.TryRead(ref reader, out _) && reader.Remaining == 0;
    }

    private static (byte[] Bytes, Func<byte[], (bool Ok, byte[] Reencoded, int Remaining)> RoundTrip) Case<T>(T value)
        where T : IXdrMessage<T> =>
        (Encode(value), bytes =>
        {
            var reader = new XdrReader(bytes.AsMemory());
            if (!T.TryRead(ref reader, out var decoded))
            {
                return (false, [], reader.Remaining);
            }

            return (true, Encode(decoded), reader.Remaining);
        }
    );

    private static byte[] Encode<T>(T value)
        where T : IXdrMessage<T>
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new XdrWriter(buffer);
        value.Write(ref writer);
        writer.Commit();
        return buffer.WrittenSpan.ToArray();
    }
}
