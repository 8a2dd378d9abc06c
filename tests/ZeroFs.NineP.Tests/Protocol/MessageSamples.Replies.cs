using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Tests.Protocol;

/// <summary>Samples of every replie message: typical, maximum and zero/empty values.</summary>
internal static partial class MessageSamples
{
    private static void AddReplies(List<MessageSample> list)
    {
        ushort tag = 1000;
        { var m = new Rversion(8192, "9P2000.L"u8); Add(list, "Rversion/typical", NinePConstants.NoTag, m, m.ToString()); }
        { var m = new Rversion(uint.MaxValue, Binary300); Add(list, "Rversion/max", NinePConstants.NoTag, m, m.ToString()); }
        { var m = new Rversion(0, default); Add(list, "Rversion/zero", NinePConstants.NoTag, m, m.ToString()); }
        { var m = new Rauth(new Qid(QidType.Directory, 7, 0x1122334455667788)); Add(list, "Rauth/typical", tag++, m, m.ToString()); }
        { var m = new Rauth(new Qid((QidType)0xFF, uint.MaxValue, ulong.MaxValue)); Add(list, "Rauth/max", tag++, m, m.ToString()); }
        { var m = new Rauth(default); Add(list, "Rauth/zero", tag++, m, m.ToString()); }
        { var m = new Rattach(new Qid(QidType.Directory, 7, 0x1122334455667788)); Add(list, "Rattach/typical", tag++, m, m.ToString()); }
        { var m = new Rattach(new Qid((QidType)0xFF, uint.MaxValue, ulong.MaxValue)); Add(list, "Rattach/max", tag++, m, m.ToString()); }
        { var m = new Rattach(default); Add(list, "Rattach/zero", tag++, m, m.ToString()); }
        { var m = new Rlerror(0x01020300u); Add(list, "Rlerror/typical", tag++, m, m.ToString()); }
        { var m = new Rlerror(uint.MaxValue); Add(list, "Rlerror/max", tag++, m, m.ToString()); }
        { var m = new Rlerror(0); Add(list, "Rlerror/zero", tag++, m, m.ToString()); }
        { var m = new Rflush(); Add(list, "Rflush/typical", tag++, m, m.ToString()); }
        { var m = new Rwalk(new QidList(TwoQids)); Add(list, "Rwalk/typical", tag++, m, m.ToString()); }
        { var m = new Rwalk(new QidList(SixteenQids)); Add(list, "Rwalk/max", tag++, m, m.ToString()); }
        { var m = new Rwalk(default(QidList)); Add(list, "Rwalk/zero", tag++, m, m.ToString()); }
        { var m = new Rlopen(new Qid(QidType.Directory, 7, 0x1122334455667788), 0x01020301u); Add(list, "Rlopen/typical", tag++, m, m.ToString()); }
        { var m = new Rlopen(new Qid((QidType)0xFF, uint.MaxValue, ulong.MaxValue), uint.MaxValue); Add(list, "Rlopen/max", tag++, m, m.ToString()); }
        { var m = new Rlopen(default, 0); Add(list, "Rlopen/zero", tag++, m, m.ToString()); }
        { var m = new Rlcreate(new Qid(QidType.Directory, 7, 0x1122334455667788), 0x01020301u); Add(list, "Rlcreate/typical", tag++, m, m.ToString()); }
        { var m = new Rlcreate(new Qid((QidType)0xFF, uint.MaxValue, ulong.MaxValue), uint.MaxValue); Add(list, "Rlcreate/max", tag++, m, m.ToString()); }
        { var m = new Rlcreate(default, 0); Add(list, "Rlcreate/zero", tag++, m, m.ToString()); }
        { var m = new Rsymlink(new Qid(QidType.Directory, 7, 0x1122334455667788)); Add(list, "Rsymlink/typical", tag++, m, m.ToString()); }
        { var m = new Rsymlink(new Qid((QidType)0xFF, uint.MaxValue, ulong.MaxValue)); Add(list, "Rsymlink/max", tag++, m, m.ToString()); }
        { var m = new Rsymlink(default); Add(list, "Rsymlink/zero", tag++, m, m.ToString()); }
        { var m = new Rmknod(new Qid(QidType.Directory, 7, 0x1122334455667788)); Add(list, "Rmknod/typical", tag++, m, m.ToString()); }
        { var m = new Rmknod(new Qid((QidType)0xFF, uint.MaxValue, ulong.MaxValue)); Add(list, "Rmknod/max", tag++, m, m.ToString()); }
        { var m = new Rmknod(default); Add(list, "Rmknod/zero", tag++, m, m.ToString()); }
        { var m = new Rrename(); Add(list, "Rrename/typical", tag++, m, m.ToString()); }
        { var m = new Rreadlink("name0"u8); Add(list, "Rreadlink/typical", tag++, m, m.ToString()); }
        { var m = new Rreadlink(Binary300); Add(list, "Rreadlink/max", tag++, m, m.ToString()); }
        { var m = new Rreadlink(default); Add(list, "Rreadlink/zero", tag++, m, m.ToString()); }
        { var m = new Rgetattr((GetattrMask)0x0102030405060700UL, new Qid(QidType.Directory, 7, 0x1122334455667788), 0x01020302u, 0x01020303u, 0x01020304u, 0x0102030405060705UL, 0x0102030405060706UL, 0x0102030405060707UL, 0x0102030405060708UL, 0x0102030405060709UL, 0x010203040506070AUL, 0x010203040506070BUL, 0x010203040506070CUL, 0x010203040506070DUL, 0x010203040506070EUL, 0x010203040506070FUL, 0x0102030405060710UL, 0x0102030405060711UL, 0x0102030405060712UL, 0x0102030405060713UL); Add(list, "Rgetattr/typical", tag++, m, m.ToString()); }
        { var m = new Rgetattr((GetattrMask)ulong.MaxValue, new Qid((QidType)0xFF, uint.MaxValue, ulong.MaxValue), uint.MaxValue, uint.MaxValue, uint.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue); Add(list, "Rgetattr/max", tag++, m, m.ToString()); }
        { var m = new Rgetattr((GetattrMask)0, default, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0); Add(list, "Rgetattr/zero", tag++, m, m.ToString()); }
        { var m = new Rsetattr(); Add(list, "Rsetattr/typical", tag++, m, m.ToString()); }
        { var m = new Rxattrwalk(0x0102030405060700UL); Add(list, "Rxattrwalk/typical", tag++, m, m.ToString()); }
        { var m = new Rxattrwalk(ulong.MaxValue); Add(list, "Rxattrwalk/max", tag++, m, m.ToString()); }
        { var m = new Rxattrwalk(0); Add(list, "Rxattrwalk/zero", tag++, m, m.ToString()); }
        { var m = new Rxattrcreate(); Add(list, "Rxattrcreate/typical", tag++, m, m.ToString()); }
        { var m = new Rreaddir(Payload4K); Add(list, "Rreaddir/typical", tag++, m, m.ToString()); }
        { var m = new Rreaddir(Binary300); Add(list, "Rreaddir/max", tag++, m, m.ToString()); }
        { var m = new Rreaddir(default); Add(list, "Rreaddir/zero", tag++, m, m.ToString()); }
        { var m = new Rfsync(); Add(list, "Rfsync/typical", tag++, m, m.ToString()); }
        { var m = new Rlock((LockStatus)1); Add(list, "Rlock/typical", tag++, m, m.ToString()); }
        { var m = new Rlock((LockStatus)byte.MaxValue); Add(list, "Rlock/max", tag++, m, m.ToString()); }
        { var m = new Rlock((LockStatus)0); Add(list, "Rlock/zero", tag++, m, m.ToString()); }
        { var m = new Rgetlock((LockType)1, 0x0102030405060701UL, 0x0102030405060702UL, 0x01020303u, "name4"u8); Add(list, "Rgetlock/typical", tag++, m, m.ToString()); }
        { var m = new Rgetlock((LockType)byte.MaxValue, ulong.MaxValue, ulong.MaxValue, uint.MaxValue, Binary300); Add(list, "Rgetlock/max", tag++, m, m.ToString()); }
        { var m = new Rgetlock((LockType)0, 0, 0, 0, default); Add(list, "Rgetlock/zero", tag++, m, m.ToString()); }
        { var m = new Rlink(); Add(list, "Rlink/typical", tag++, m, m.ToString()); }
        { var m = new Rmkdir(new Qid(QidType.Directory, 7, 0x1122334455667788)); Add(list, "Rmkdir/typical", tag++, m, m.ToString()); }
        { var m = new Rmkdir(new Qid((QidType)0xFF, uint.MaxValue, ulong.MaxValue)); Add(list, "Rmkdir/max", tag++, m, m.ToString()); }
        { var m = new Rmkdir(default); Add(list, "Rmkdir/zero", tag++, m, m.ToString()); }
        { var m = new Rrenameat(); Add(list, "Rrenameat/typical", tag++, m, m.ToString()); }
        { var m = new Runlinkat(); Add(list, "Runlinkat/typical", tag++, m, m.ToString()); }
        { var m = new Rstatfs(0x01020300u, 0x01020301u, 0x0102030405060702UL, 0x0102030405060703UL, 0x0102030405060704UL, 0x0102030405060705UL, 0x0102030405060706UL, 0x0102030405060707UL, 0x01020308u); Add(list, "Rstatfs/typical", tag++, m, m.ToString()); }
        { var m = new Rstatfs(uint.MaxValue, uint.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, uint.MaxValue); Add(list, "Rstatfs/max", tag++, m, m.ToString()); }
        { var m = new Rstatfs(0, 0, 0, 0, 0, 0, 0, 0, 0); Add(list, "Rstatfs/zero", tag++, m, m.ToString()); }
        { var m = new Rread(Payload4K); Add(list, "Rread/typical", tag++, m, m.ToString()); }
        { var m = new Rread(Binary300); Add(list, "Rread/max", tag++, m, m.ToString()); }
        { var m = new Rread(default); Add(list, "Rread/zero", tag++, m, m.ToString()); }
        { var m = new Rwrite(0x01020300u); Add(list, "Rwrite/typical", tag++, m, m.ToString()); }
        { var m = new Rwrite(uint.MaxValue); Add(list, "Rwrite/max", tag++, m, m.ToString()); }
        { var m = new Rwrite(0); Add(list, "Rwrite/zero", tag++, m, m.ToString()); }
        { var m = new Rclunk(); Add(list, "Rclunk/typical", tag++, m, m.ToString()); }
        { var m = new Rremove(); Add(list, "Rremove/typical", tag++, m, m.ToString()); }
    }
}
