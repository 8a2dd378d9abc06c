using System.Buffers;

namespace ZeroFs.Nbd.Protocol;

/// <summary>Copies a fixed-size header out of a possibly segmented buffer (the multi-span path stays off the fast path).</summary>
internal static class FixedHeader
{
    /// <summary>Copies the first <paramref name="destination"/>.Length bytes; false when fewer are buffered.</summary>
    public static bool TryPeek(in ReadOnlySequence<byte> buffer, Span<byte> destination)
    {
        if (buffer.Length < destination.Length)
        {
            return false;
        }

        var first = buffer.FirstSpan;
        if (first.Length >= destination.Length)
        {
            first[..destination.Length].CopyTo(destination);
        }
        else
        {
            buffer.Slice(0, destination.Length).CopyTo(destination);
        }

        return true;
    }
}
