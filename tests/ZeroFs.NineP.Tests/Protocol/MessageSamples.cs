using System.Buffers;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Tests.Protocol;

internal static partial class MessageSamples
{
    /// <summary>300 bytes that are not UTF-8 (0xFF, 0x00, 0x80 …): 9P strings are bytes.</summary>
    internal static readonly byte[] Binary300 = Enumerable.Range(0, 300).Select(i => (byte)(0xFF - (i % 7 * 0x2A))).ToArray();

    internal static readonly byte[] Payload4K = Enumerable.Range(0, 4096).Select(i => (byte)(i * 31)).ToArray();

    internal static readonly byte[][] TwoNames = ["usr"u8.ToArray(), "lib"u8.ToArray()];

    internal static readonly byte[][] SixteenNames = Enumerable.Range(0, 16).Select(i => i % 2 == 0 ? Binary300 : new byte[] { (byte)i }).ToArray();

    internal static readonly Qid[] TwoQids = [new(QidType.Directory, 1, 2), new(QidType.File, 3, 4)];

    internal static readonly Qid[] SixteenQids = Enumerable.Range(0, 16).Select(i => new Qid((QidType)i, uint.MaxValue - (uint)i, ulong.MaxValue - (ulong)i)).ToArray();

    internal static IReadOnlyList<MessageSample> All { get; } = Build();

    internal static IReadOnlyDictionary<string, MessageSample> ByName { get; } = All.ToDictionary(s => s.Name);

    internal static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var sample in All)
        {
            data.Add(sample.Name);
        }

        return data;
    }

    internal static byte[] Encode<T>(ushort tag, scoped in T message)
        where T : INinePMessage<T>, allows ref struct
    {
        var buffer = new ArrayBufferWriter<byte>();
        NinePWriter.WriteFrame(buffer, tag, message);
        return buffer.WrittenSpan.ToArray();
    }

    private static List<MessageSample> Build()
    {
        var list = new List<MessageSample>();
        AddRequests(list);
        AddReplies(list);
        return list;
    }

    private static void Add<T>(List<MessageSample> list, string name, ushort tag, scoped in T message, string description)
        where T : INinePMessage<T>, allows ref struct =>
        list.Add(new MessageSample(name, T.MessageType, tag, Encode(tag, message), description));
}
