using System.Buffers;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.Benchmarks.NineP;

/// <summary>Pre-encoded frames and inputs shared by the 9P codec benchmarks.</summary>
internal static class NinePFrames
{
    internal static readonly byte[] Payload4K = Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray();

    internal static readonly byte[][] WalkNames = ["home"u8.ToArray(), "user"u8.ToArray(), "projects"u8.ToArray(), "README.md"u8.ToArray()];

    internal static readonly Qid FileQid = new(QidType.File, 3, 0x1234_5678);

    internal static byte[] Encode<T>(scoped in T message)
        where T : INinePMessage<T>, allows ref struct
    {
        var buffer = new ArrayBufferWriter<byte>();
        NinePWriter.WriteFrame(buffer, 17, message);
        return buffer.WrittenSpan.ToArray();
    }

    internal static Rgetattr Getattr() => new(
        GetattrMask.Basic, FileQid, 0x81A4, 1000, 1000, 1, 0, 4096, 4096, 8, 1_700_000_000, 1, 1_700_000_000, 2, 1_700_000_000, 3, 0, 0, 0, 0);
}
