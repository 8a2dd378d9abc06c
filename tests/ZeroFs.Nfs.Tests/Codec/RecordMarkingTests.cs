using System.Buffers;
using ZeroFs.Nfs.Rpc;

namespace ZeroFs.Nfs.Tests.Codec;

public sealed class RecordMarkingTests
{
    [Fact]
    public void MultiFragmentRecord_SplitAtEveryByte_IsFoundOnlyWhenComplete()
    {
        var record = Enumerable.Range(0, 50).Select(i => (byte)i).ToArray();
        var wire = NfsTestClient.Frame(record, fragments: 4);
        Assert.Equal(50 + (4 * 4), wire.Length);
        for (var split = 0; split <= wire.Length; split++)
        {
            var sequence = TwoSegments(wire, split);
            Assert.Equal(OperationStatus.Done, RecordMarking.TryReadRecord(sequence, 1024, out var length, out var end));
            Assert.Equal(50, length);
            Assert.Equal(wire.Length, sequence.Slice(0, end).Length);
            var copy = new byte[length];
            RecordMarking.CopyRecord(sequence.Slice(0, end), copy);
            Assert.Equal(record, copy);
            for (var cut = 0; cut < wire.Length; cut++)
            {
                Assert.Equal(OperationStatus.NeedMoreData, RecordMarking.TryReadRecord(sequence.Slice(0, cut), 1024, out _, out _));
            }
        }
    }

    [Fact]
    public void TwoRecordsBackToBack_FirstEndsWhereSecondStarts()
    {
        var first = NfsTestClient.Frame([1, 2, 3, 4], 2);
        var second = NfsTestClient.Frame([5, 6, 7, 8, 9], 1);
        var sequence = new ReadOnlySequence<byte>([.. first, .. second]);
        Assert.Equal(OperationStatus.Done, RecordMarking.TryReadRecord(sequence, 1024, out var length, out var end));
        Assert.Equal(4, length);
        Assert.Equal(OperationStatus.Done, RecordMarking.TryReadRecord(sequence.Slice(end), 1024, out length, out _));
        Assert.Equal(5, length);
    }

    [Fact]
    public void OversizedFragmentHeader_IsInvalid_BeforeItsData()
    {
        var header = new byte[4];
        RecordMarking.WriteHeader(header, 2000, last: true);
        Assert.Equal(OperationStatus.InvalidData, RecordMarking.TryReadRecord(new ReadOnlySequence<byte>(header), 1024, out _, out _));
    }

    [Fact]
    public void LimitCountsHeadersAndAllFragments()
    {
        var wire = NfsTestClient.Frame(new byte[1000], fragments: 10); // 1000 data + 40 header bytes
        Assert.Equal(OperationStatus.Done, RecordMarking.TryReadRecord(new ReadOnlySequence<byte>(wire), 1040, out _, out _));
        Assert.Equal(OperationStatus.InvalidData, RecordMarking.TryReadRecord(new ReadOnlySequence<byte>(wire), 1039, out _, out _));
        // Detected from the first fragment beyond the limit, even when later data has not arrived.
        Assert.Equal(OperationStatus.InvalidData, RecordMarking.TryReadRecord(new ReadOnlySequence<byte>(wire[..((5 * 104) + 4)]), 500, out _, out _));
    }

    private static ReadOnlySequence<byte> TwoSegments(byte[] bytes, int split)
    {
        var first = new Segment(bytes.AsMemory(0, split));
        var last = first.Append(bytes.AsMemory(split));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
