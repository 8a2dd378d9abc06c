using System.Buffers;
using System.Buffers.Binary;

namespace ZeroFs.Nfs.Rpc;

/// <summary>
/// ONC RPC record marking over TCP (RFC 5531 §11): a record is one or more fragments, each behind a
/// four-byte header whose top bit marks the last fragment and whose low 31 bits give its length.
/// Framing only: it finds complete records in a buffered sequence and gathers their fragments.
/// </summary>
public static class RecordMarking
{
    /// <summary>The size of a fragment header.</summary>
    public const int HeaderLength = 4;

    private const uint LastFragmentBit = 0x8000_0000;

    /// <summary>
    /// Looks for one complete record at the start of <paramref name="buffer"/> by walking fragment
    /// headers only. The limit covers the record on the wire, headers included, and is checked at
    /// every header, before the fragment's data has arrived: a peer announcing more than
    /// <paramref name="maxRecordBytes"/> is caught before anything is buffered for it.
    /// </summary>
    /// <param name="buffer">Bytes received and not yet consumed.</param>
    /// <param name="maxRecordBytes">The largest record accepted, headers included.</param>
    /// <param name="recordLength">The payload length of the complete record (headers excluded).</param>
    /// <param name="end">The position after the record's last fragment.</param>
    /// <returns>Done with a record, NeedMoreData, or InvalidData when the limit is exceeded (close the connection: framing can no longer be trusted).</returns>
    public static OperationStatus TryReadRecord(in ReadOnlySequence<byte> buffer, int maxRecordBytes, out int recordLength, out SequencePosition end)
    {
        recordLength = 0;
        end = buffer.Start;
        long offset = 0;
        Span<byte> header = stackalloc byte[HeaderLength];
        while (true)
        {
            if (buffer.Length - offset < HeaderLength)
            {
                return OperationStatus.NeedMoreData;
            }

            buffer.Slice(offset, HeaderLength).CopyTo(header);
            var word = BinaryPrimitives.ReadUInt32BigEndian(header);
            var length = word & ~LastFragmentBit;
            var wire = offset + HeaderLength + length;
            if (wire > maxRecordBytes)
            {
                return OperationStatus.InvalidData;
            }

            if (buffer.Length < wire)
            {
                return OperationStatus.NeedMoreData;
            }

            recordLength += (int)length;
            offset = wire;
            if ((word & LastFragmentBit) != 0)
            {
                end = buffer.GetPosition(offset);
                return OperationStatus.Done;
            }
        }
    }

    /// <summary>Copies the payload of the complete record at the start of <paramref name="buffer"/> (found by <see cref="TryReadRecord"/>) into <paramref name="destination"/>, dropping the headers.</summary>
    public static void CopyRecord(in ReadOnlySequence<byte> buffer, Span<byte> destination)
    {
        var reader = new SequenceReader<byte>(buffer);
        var written = 0;
        while (reader.TryReadBigEndian(out int word))
        {
            var length = (int)((uint)word & ~LastFragmentBit);
            if (!reader.TryCopyTo(destination.Slice(written, length)))
            {
                throw new InvalidOperationException("The record is incomplete; call TryReadRecord first.");
            }

            reader.Advance(length);
            written += length;
            if (((uint)word & LastFragmentBit) != 0)
            {
                return;
            }
        }

        throw new InvalidOperationException("The record is incomplete; call TryReadRecord first.");
    }

    /// <summary>Writes a fragment header for <paramref name="length"/> payload bytes.</summary>
    public static void WriteHeader(Span<byte> destination, int length, bool last)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)length | (last ? LastFragmentBit : 0));
    }
}
