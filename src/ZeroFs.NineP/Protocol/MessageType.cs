namespace ZeroFs.NineP.Protocol;

/// <summary>
/// The message type byte of 9P2000.L (T-messages even, their R-replies odd), as in the Linux
/// kernel's <c>include/net/9p/9p.h</c> (<c>P9_TLERROR</c> … <c>P9_RREMOVE</c>).
/// </summary>
public enum MessageType : byte
{
    /// <summary>P9_RLERROR: error reply carrying a Linux errno.</summary>
    Rlerror = 7,

    /// <summary>P9_TSTATFS.</summary>
    Tstatfs = 8,

    /// <summary>P9_RSTATFS.</summary>
    Rstatfs = 9,

    /// <summary>P9_TLOPEN.</summary>
    Tlopen = 12,

    /// <summary>P9_RLOPEN.</summary>
    Rlopen = 13,

    /// <summary>P9_TLCREATE.</summary>
    Tlcreate = 14,

    /// <summary>P9_RLCREATE.</summary>
    Rlcreate = 15,

    /// <summary>P9_TSYMLINK.</summary>
    Tsymlink = 16,

    /// <summary>P9_RSYMLINK.</summary>
    Rsymlink = 17,

    /// <summary>P9_TMKNOD.</summary>
    Tmknod = 18,

    /// <summary>P9_RMKNOD.</summary>
    Rmknod = 19,

    /// <summary>P9_TRENAME.</summary>
    Trename = 20,

    /// <summary>P9_RRENAME.</summary>
    Rrename = 21,

    /// <summary>P9_TREADLINK.</summary>
    Treadlink = 22,

    /// <summary>P9_RREADLINK.</summary>
    Rreadlink = 23,

    /// <summary>P9_TGETATTR.</summary>
    Tgetattr = 24,

    /// <summary>P9_RGETATTR.</summary>
    Rgetattr = 25,

    /// <summary>P9_TSETATTR.</summary>
    Tsetattr = 26,

    /// <summary>P9_RSETATTR.</summary>
    Rsetattr = 27,

    /// <summary>P9_TXATTRWALK.</summary>
    Txattrwalk = 30,

    /// <summary>P9_RXATTRWALK.</summary>
    Rxattrwalk = 31,

    /// <summary>P9_TXATTRCREATE.</summary>
    Txattrcreate = 32,

    /// <summary>P9_RXATTRCREATE.</summary>
    Rxattrcreate = 33,

    /// <summary>P9_TREADDIR.</summary>
    Treaddir = 40,

    /// <summary>P9_RREADDIR.</summary>
    Rreaddir = 41,

    /// <summary>P9_TFSYNC.</summary>
    Tfsync = 50,

    /// <summary>P9_RFSYNC.</summary>
    Rfsync = 51,

    /// <summary>P9_TLOCK.</summary>
    Tlock = 52,

    /// <summary>P9_RLOCK.</summary>
    Rlock = 53,

    /// <summary>P9_TGETLOCK.</summary>
    Tgetlock = 54,

    /// <summary>P9_RGETLOCK.</summary>
    Rgetlock = 55,

    /// <summary>P9_TLINK.</summary>
    Tlink = 70,

    /// <summary>P9_RLINK.</summary>
    Rlink = 71,

    /// <summary>P9_TMKDIR.</summary>
    Tmkdir = 72,

    /// <summary>P9_RMKDIR.</summary>
    Rmkdir = 73,

    /// <summary>P9_TRENAMEAT.</summary>
    Trenameat = 74,

    /// <summary>P9_RRENAMEAT.</summary>
    Rrenameat = 75,

    /// <summary>P9_TUNLINKAT.</summary>
    Tunlinkat = 76,

    /// <summary>P9_RUNLINKAT.</summary>
    Runlinkat = 77,

    /// <summary>P9_TVERSION.</summary>
    Tversion = 100,

    /// <summary>P9_RVERSION.</summary>
    Rversion = 101,

    /// <summary>P9_TAUTH.</summary>
    Tauth = 102,

    /// <summary>P9_RAUTH.</summary>
    Rauth = 103,

    /// <summary>P9_TATTACH.</summary>
    Tattach = 104,

    /// <summary>P9_RATTACH.</summary>
    Rattach = 105,

    /// <summary>P9_TFLUSH.</summary>
    Tflush = 108,

    /// <summary>P9_RFLUSH.</summary>
    Rflush = 109,

    /// <summary>P9_TWALK.</summary>
    Twalk = 110,

    /// <summary>P9_RWALK.</summary>
    Rwalk = 111,

    /// <summary>P9_TREAD.</summary>
    Tread = 116,

    /// <summary>P9_RREAD.</summary>
    Rread = 117,

    /// <summary>P9_TWRITE.</summary>
    Twrite = 118,

    /// <summary>P9_RWRITE.</summary>
    Rwrite = 119,

    /// <summary>P9_TCLUNK.</summary>
    Tclunk = 120,

    /// <summary>P9_RCLUNK.</summary>
    Rclunk = 121,

    /// <summary>P9_TREMOVE.</summary>
    Tremove = 122,

    /// <summary>P9_RREMOVE.</summary>
    Rremove = 123,
}
