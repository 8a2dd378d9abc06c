using System.Buffers;

namespace ZeroFs.Benchmarks.NineP;

/// <summary>Builds a two-segment sequence, as a pipe hands out a frame that straddles buffers.</summary>
internal static class TwoSegments
{
    internal static ReadOnlySequence<byte> Split(byte[] bytes, int at)
    {
        var first = new Segment(bytes.AsMemory(0, at), 0);
        var last = new Segment(bytes.AsMemory(at), at);
        first.SetNext(last);
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public void SetNext(Segment next) => Next = next;
    }
}
