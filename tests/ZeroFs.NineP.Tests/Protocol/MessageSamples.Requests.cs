using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Tests.Protocol;

/// <summary>Samples of every request message: typical, maximum and zero/empty values.</summary>
internal static partial class MessageSamples
{
    private static void AddRequests(List<MessageSample> list)
    {
        ushort tag = 1;
        { var m = new Tversion(8192, "9P2000.L"u8); Add(list, "Tversion/typical", NinePConstants.NoTag, m, m.ToString()); }
        { var m = new Tversion(uint.MaxValue, Binary300); Add(list, "Tversion/max", NinePConstants.NoTag, m, m.ToString()); }
        { var m = new Tversion(0, default); Add(list, "Tversion/zero", NinePConstants.NoTag, m, m.ToString()); }
        { var m = new Tauth(0x01020300u, "name1"u8, "name2"u8, 0x01020303u); Add(list, "Tauth/typical", tag++, m, m.ToString()); }
        { var m = new Tauth(uint.MaxValue, Binary300, Binary300, uint.MaxValue); Add(list, "Tauth/max", tag++, m, m.ToString()); }
        { var m = new Tauth(0, default, default, 0); Add(list, "Tauth/zero", tag++, m, m.ToString()); }
        { var m = new Tattach(0x01020300u, 0x01020301u, "name2"u8, "name3"u8, 0x01020304u); Add(list, "Tattach/typical", tag++, m, m.ToString()); }
        { var m = new Tattach(uint.MaxValue, uint.MaxValue, Binary300, Binary300, uint.MaxValue); Add(list, "Tattach/max", tag++, m, m.ToString()); }
        { var m = new Tattach(0, 0, default, default, 0); Add(list, "Tattach/zero", tag++, m, m.ToString()); }
        { var m = new Tflush(0x1234); Add(list, "Tflush/typical", tag++, m, m.ToString()); }
        { var m = new Tflush(ushort.MaxValue); Add(list, "Tflush/max", tag++, m, m.ToString()); }
        { var m = new Tflush(0); Add(list, "Tflush/zero", tag++, m, m.ToString()); }
        { var m = new Twalk(0x01020300u, 0x01020301u, new WalkNames(TwoNames)); Add(list, "Twalk/typical", tag++, m, m.ToString()); }
        { var m = new Twalk(uint.MaxValue, uint.MaxValue, new WalkNames(SixteenNames)); Add(list, "Twalk/max", tag++, m, m.ToString()); }
        { var m = new Twalk(0, 0, default(WalkNames)); Add(list, "Twalk/zero", tag++, m, m.ToString()); }
        { var m = new Tlopen(0x01020300u, (OpenFlags)0x01020301u); Add(list, "Tlopen/typical", tag++, m, m.ToString()); }
        { var m = new Tlopen(uint.MaxValue, (OpenFlags)uint.MaxValue); Add(list, "Tlopen/max", tag++, m, m.ToString()); }
        { var m = new Tlopen(0, (OpenFlags)0); Add(list, "Tlopen/zero", tag++, m, m.ToString()); }
        { var m = new Tlcreate(0x01020300u, "name1"u8, (OpenFlags)0x01020302u, 0x01020303u, 0x01020304u); Add(list, "Tlcreate/typical", tag++, m, m.ToString()); }
        { var m = new Tlcreate(uint.MaxValue, Binary300, (OpenFlags)uint.MaxValue, uint.MaxValue, uint.MaxValue); Add(list, "Tlcreate/max", tag++, m, m.ToString()); }
        { var m = new Tlcreate(0, default, (OpenFlags)0, 0, 0); Add(list, "Tlcreate/zero", tag++, m, m.ToString()); }
        { var m = new Tsymlink(0x01020300u, "name1"u8, "name2"u8, 0x01020303u); Add(list, "Tsymlink/typical", tag++, m, m.ToString()); }
        { var m = new Tsymlink(uint.MaxValue, Binary300, Binary300, uint.MaxValue); Add(list, "Tsymlink/max", tag++, m, m.ToString()); }
        { var m = new Tsymlink(0, default, default, 0); Add(list, "Tsymlink/zero", tag++, m, m.ToString()); }
        { var m = new Tmknod(0x01020300u, "name1"u8, 0x01020302u, 0x01020303u, 0x01020304u, 0x01020305u); Add(list, "Tmknod/typical", tag++, m, m.ToString()); }
        { var m = new Tmknod(uint.MaxValue, Binary300, uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue); Add(list, "Tmknod/max", tag++, m, m.ToString()); }
        { var m = new Tmknod(0, default, 0, 0, 0, 0); Add(list, "Tmknod/zero", tag++, m, m.ToString()); }
        { var m = new Trename(0x01020300u, 0x01020301u, "name2"u8); Add(list, "Trename/typical", tag++, m, m.ToString()); }
        { var m = new Trename(uint.MaxValue, uint.MaxValue, Binary300); Add(list, "Trename/max", tag++, m, m.ToString()); }
        { var m = new Trename(0, 0, default); Add(list, "Trename/zero", tag++, m, m.ToString()); }
        { var m = new Treadlink(0x01020300u); Add(list, "Treadlink/typical", tag++, m, m.ToString()); }
        { var m = new Treadlink(uint.MaxValue); Add(list, "Treadlink/max", tag++, m, m.ToString()); }
        { var m = new Treadlink(0); Add(list, "Treadlink/zero", tag++, m, m.ToString()); }
        { var m = new Tgetattr(0x01020300u, (GetattrMask)0x0102030405060701UL); Add(list, "Tgetattr/typical", tag++, m, m.ToString()); }
        { var m = new Tgetattr(uint.MaxValue, (GetattrMask)ulong.MaxValue); Add(list, "Tgetattr/max", tag++, m, m.ToString()); }
        { var m = new Tgetattr(0, (GetattrMask)0); Add(list, "Tgetattr/zero", tag++, m, m.ToString()); }
        { var m = new Tsetattr(0x01020300u, (SetattrMask)0x01020301u, 0x01020302u, 0x01020303u, 0x01020304u, 0x0102030405060705UL, 0x0102030405060706UL, 0x0102030405060707UL, 0x0102030405060708UL, 0x0102030405060709UL); Add(list, "Tsetattr/typical", tag++, m, m.ToString()); }
        { var m = new Tsetattr(uint.MaxValue, (SetattrMask)uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue); Add(list, "Tsetattr/max", tag++, m, m.ToString()); }
        { var m = new Tsetattr(0, (SetattrMask)0, 0, 0, 0, 0, 0, 0, 0, 0); Add(list, "Tsetattr/zero", tag++, m, m.ToString()); }
        { var m = new Txattrwalk(0x01020300u, 0x01020301u, "name2"u8); Add(list, "Txattrwalk/typical", tag++, m, m.ToString()); }
        { var m = new Txattrwalk(uint.MaxValue, uint.MaxValue, Binary300); Add(list, "Txattrwalk/max", tag++, m, m.ToString()); }
        { var m = new Txattrwalk(0, 0, default); Add(list, "Txattrwalk/zero", tag++, m, m.ToString()); }
        { var m = new Txattrcreate(0x01020300u, "name1"u8, 0x0102030405060702UL, 0x01020303u); Add(list, "Txattrcreate/typical", tag++, m, m.ToString()); }
        { var m = new Txattrcreate(uint.MaxValue, Binary300, ulong.MaxValue, uint.MaxValue); Add(list, "Txattrcreate/max", tag++, m, m.ToString()); }
        { var m = new Txattrcreate(0, default, 0, 0); Add(list, "Txattrcreate/zero", tag++, m, m.ToString()); }
        { var m = new Treaddir(0x01020300u, 0x0102030405060701UL, 0x01020302u); Add(list, "Treaddir/typical", tag++, m, m.ToString()); }
        { var m = new Treaddir(uint.MaxValue, ulong.MaxValue, uint.MaxValue); Add(list, "Treaddir/max", tag++, m, m.ToString()); }
        { var m = new Treaddir(0, 0, 0); Add(list, "Treaddir/zero", tag++, m, m.ToString()); }
        { var m = new Tfsync(0x01020300u, 0x01020301u); Add(list, "Tfsync/typical", tag++, m, m.ToString()); }
        { var m = new Tfsync(uint.MaxValue, uint.MaxValue); Add(list, "Tfsync/max", tag++, m, m.ToString()); }
        { var m = new Tfsync(0, 0); Add(list, "Tfsync/zero", tag++, m, m.ToString()); }
        { var m = new Tlock(0x01020300u, (LockType)1, (LockFlags)0x01020302u, 0x0102030405060703UL, 0x0102030405060704UL, 0x01020305u, "name6"u8); Add(list, "Tlock/typical", tag++, m, m.ToString()); }
        { var m = new Tlock(uint.MaxValue, (LockType)byte.MaxValue, (LockFlags)uint.MaxValue, ulong.MaxValue, ulong.MaxValue, uint.MaxValue, Binary300); Add(list, "Tlock/max", tag++, m, m.ToString()); }
        { var m = new Tlock(0, (LockType)0, (LockFlags)0, 0, 0, 0, default); Add(list, "Tlock/zero", tag++, m, m.ToString()); }
        { var m = new Tgetlock(0x01020300u, (LockType)1, 0x0102030405060702UL, 0x0102030405060703UL, 0x01020304u, "name5"u8); Add(list, "Tgetlock/typical", tag++, m, m.ToString()); }
        { var m = new Tgetlock(uint.MaxValue, (LockType)byte.MaxValue, ulong.MaxValue, ulong.MaxValue, uint.MaxValue, Binary300); Add(list, "Tgetlock/max", tag++, m, m.ToString()); }
        { var m = new Tgetlock(0, (LockType)0, 0, 0, 0, default); Add(list, "Tgetlock/zero", tag++, m, m.ToString()); }
        { var m = new Tlink(0x01020300u, 0x01020301u, "name2"u8); Add(list, "Tlink/typical", tag++, m, m.ToString()); }
        { var m = new Tlink(uint.MaxValue, uint.MaxValue, Binary300); Add(list, "Tlink/max", tag++, m, m.ToString()); }
        { var m = new Tlink(0, 0, default); Add(list, "Tlink/zero", tag++, m, m.ToString()); }
        { var m = new Tmkdir(0x01020300u, "name1"u8, 0x01020302u, 0x01020303u); Add(list, "Tmkdir/typical", tag++, m, m.ToString()); }
        { var m = new Tmkdir(uint.MaxValue, Binary300, uint.MaxValue, uint.MaxValue); Add(list, "Tmkdir/max", tag++, m, m.ToString()); }
        { var m = new Tmkdir(0, default, 0, 0); Add(list, "Tmkdir/zero", tag++, m, m.ToString()); }
        { var m = new Trenameat(0x01020300u, "name1"u8, 0x01020302u, "name3"u8); Add(list, "Trenameat/typical", tag++, m, m.ToString()); }
        { var m = new Trenameat(uint.MaxValue, Binary300, uint.MaxValue, Binary300); Add(list, "Trenameat/max", tag++, m, m.ToString()); }
        { var m = new Trenameat(0, default, 0, default); Add(list, "Trenameat/zero", tag++, m, m.ToString()); }
        { var m = new Tunlinkat(0x01020300u, "name1"u8, (UnlinkatFlags)0x01020302u); Add(list, "Tunlinkat/typical", tag++, m, m.ToString()); }
        { var m = new Tunlinkat(uint.MaxValue, Binary300, (UnlinkatFlags)uint.MaxValue); Add(list, "Tunlinkat/max", tag++, m, m.ToString()); }
        { var m = new Tunlinkat(0, default, (UnlinkatFlags)0); Add(list, "Tunlinkat/zero", tag++, m, m.ToString()); }
        { var m = new Tstatfs(0x01020300u); Add(list, "Tstatfs/typical", tag++, m, m.ToString()); }
        { var m = new Tstatfs(uint.MaxValue); Add(list, "Tstatfs/max", tag++, m, m.ToString()); }
        { var m = new Tstatfs(0); Add(list, "Tstatfs/zero", tag++, m, m.ToString()); }
        { var m = new Tread(0x01020300u, 0x0102030405060701UL, 0x01020302u); Add(list, "Tread/typical", tag++, m, m.ToString()); }
        { var m = new Tread(uint.MaxValue, ulong.MaxValue, uint.MaxValue); Add(list, "Tread/max", tag++, m, m.ToString()); }
        { var m = new Tread(0, 0, 0); Add(list, "Tread/zero", tag++, m, m.ToString()); }
        { var m = new Twrite(0x01020300u, 0x0102030405060701UL, Payload4K); Add(list, "Twrite/typical", tag++, m, m.ToString()); }
        { var m = new Twrite(uint.MaxValue, ulong.MaxValue, Binary300); Add(list, "Twrite/max", tag++, m, m.ToString()); }
        { var m = new Twrite(0, 0, default); Add(list, "Twrite/zero", tag++, m, m.ToString()); }
        { var m = new Tclunk(0x01020300u); Add(list, "Tclunk/typical", tag++, m, m.ToString()); }
        { var m = new Tclunk(uint.MaxValue); Add(list, "Tclunk/max", tag++, m, m.ToString()); }
        { var m = new Tclunk(0); Add(list, "Tclunk/zero", tag++, m, m.ToString()); }
        { var m = new Tremove(0x01020300u); Add(list, "Tremove/typical", tag++, m, m.ToString()); }
        { var m = new Tremove(uint.MaxValue); Add(list, "Tremove/max", tag++, m, m.ToString()); }
        { var m = new Tremove(0); Add(list, "Tremove/zero", tag++, m, m.ToString()); }
    }
}
