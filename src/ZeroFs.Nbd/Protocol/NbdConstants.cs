namespace ZeroFs.Nbd.Protocol;

/// <summary>
/// Magic numbers and fixed sizes of the NBD protocol (NetworkBlockDevice/nbd <c>doc/proto.md</c>).
/// Everything on the wire is big-endian.
/// </summary>
public static class NbdConstants
{
    /// <summary><c>NBDMAGIC</c> (INIT_PASSWD): the first 8 bytes the server sends.</summary>
    public const ulong NbdMagic = 0x4e42444d41474943;

    /// <summary><c>IHAVEOPT</c>: the newstyle magic after <see cref="NbdMagic"/>, and the prefix of every option request.</summary>
    public const ulong OptionMagic = 0x49484156454F5054;

    /// <summary>The magic of every fixed-newstyle option reply.</summary>
    public const ulong OptionReplyMagic = 0x3e889045565a9;

    /// <summary><c>NBD_REQUEST_MAGIC</c>: the first 4 bytes of a transmission request.</summary>
    public const uint RequestMagic = 0x25609513;

    /// <summary><c>NBD_SIMPLE_REPLY_MAGIC</c>: the first 4 bytes of a simple reply.</summary>
    public const uint SimpleReplyMagic = 0x67446698;

    /// <summary><c>NBD_STRUCTURED_REPLY_MAGIC</c> (structured replies are not negotiated by this server).</summary>
    public const uint StructuredReplyMagic = 0x668e33ef;

    /// <summary>The server greeting: NBDMAGIC, IHAVEOPT, 16-bit handshake flags.</summary>
    public const int GreetingLength = 18;

    /// <summary>The client flags that answer the greeting.</summary>
    public const int ClientFlagsLength = 4;

    /// <summary>An option request header: IHAVEOPT, option, data length.</summary>
    public const int OptionHeaderLength = 16;

    /// <summary>An option reply header: magic, option, reply type, data length.</summary>
    public const int OptionReplyHeaderLength = 20;

    /// <summary>The reply to NBD_OPT_EXPORT_NAME without the padding: size and transmission flags.</summary>
    public const int ExportNameReplyLength = 10;

    /// <summary>The reserved zeros after the NBD_OPT_EXPORT_NAME reply unless NBD_FLAG_C_NO_ZEROES was negotiated.</summary>
    public const int ExportNameReplyPadding = 124;

    /// <summary>A transmission request header (the WRITE payload follows it).</summary>
    public const int RequestHeaderLength = 28;

    /// <summary>A simple reply header (the READ payload follows it).</summary>
    public const int SimpleReplyLength = 16;

    /// <summary>The longest string (export name, message) the protocol allows.</summary>
    public const int MaxStringLength = 4096;
}
