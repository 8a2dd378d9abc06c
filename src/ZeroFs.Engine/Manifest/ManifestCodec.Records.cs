using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using ZeroFs.Engine.Format;

namespace ZeroFs.Engine.Manifest;

/// <summary>Encodings of the list elements: TableRef, Run and Checkpoint (docs/formats/manifest.md).</summary>
internal static partial class ManifestCodec
{
    private const byte CheckpointHasExpires = 1;
    private const byte CheckpointHasName = 2;
    private const byte CheckpointHasOwner = 4;

    // TableRef: 16B ULID, u64 size, u64 metaOffset, u32 metaLen, lp firstKey, lp lastKey,
    // u64 minSeq, u64 maxSeq, u64 entries, u64 tombstones, u8 formatVersion.
    private static void WriteTableRef(IBufferWriter<byte> w, TableRef t)
    {
        t.Id.WriteBytes(w.GetSpan(Ulid.ByteLength));
        w.Advance(Ulid.ByteLength);
        w.WriteU64(t.Size);
        w.WriteU64(t.MetaOffset);
        w.WriteU32(t.MetaLength);
        w.WriteLengthPrefixed(t.FirstKey);
        w.WriteLengthPrefixed(t.LastKey);
        w.WriteU64(t.MinSeq);
        w.WriteU64(t.MaxSeq);
        w.WriteU64(t.Entries);
        w.WriteU64(t.Tombstones);
        w.WriteU8(t.FormatVersion);
    }

    private static TableRef ReadTableRef(ref SpanReader r) =>
        new(
            Ulid.FromBytes(r.Bytes(Ulid.ByteLength)),
            r.U64(),
            r.U64(),
            r.U32(),
            r.LengthPrefixed().ToArray(),
            r.LengthPrefixed().ToArray(),
            r.U64(),
            r.U64(),
            r.U64(),
            r.U64(),
            r.U8());

    // Run: u32 id, varint count, then per table: lp TableRef.
    private static void WriteRun(IBufferWriter<byte> w, SortedRun run)
    {
        w.WriteU32(run.Id);
        w.WriteVarint((ulong)run.Tables.Length);
        var scratch = new ArrayBufferWriter<byte>(256);
        foreach (var table in run.Tables)
        {
            scratch.ResetWrittenCount();
            WriteTableRef(scratch, table);
            w.WriteLengthPrefixed(scratch.WrittenSpan);
        }
    }

    private static SortedRun ReadRun(ref SpanReader r)
    {
        var id = r.U32();
        var count = r.Varint();
        if (count > int.MaxValue)
        {
            ThrowHelper.ThrowCorruption("implausible table count in a run");
        }

        var tables = ImmutableArray.CreateBuilder<TableRef>((int)Math.Min(count, 4096));
        for (var i = 0UL; i < count; i++)
        {
            var element = new SpanReader(r.LengthPrefixed());
            tables.Add(ReadTableRef(ref element));
        }

        return new SortedRun(id, tables.ToImmutable());
    }

    // Checkpoint: 16B GUID, u64 manifestId, u64 created ms, u8 flags (1 expires, 2 name, 4 owner),
    // [u64 expires ms], [lp utf8 name], [lp utf8 owner].
    private static void WriteCheckpoint(IBufferWriter<byte> w, Checkpoint c)
    {
        c.Id.TryWriteBytes(w.GetSpan(16), bigEndian: true, out _);
        w.Advance(16);
        w.WriteU64(c.ManifestId);
        w.WriteU64((ulong)c.Created.ToUnixTimeMilliseconds());
        var flags = (byte)((c.Expires is null ? 0 : CheckpointHasExpires) | (c.Name is null ? 0 : CheckpointHasName) | (c.Owner is null ? 0 : CheckpointHasOwner));
        w.WriteU8(flags);
        if (c.Expires is { } expires)
        {
            w.WriteU64((ulong)expires.ToUnixTimeMilliseconds());
        }

        if (c.Name is not null)
        {
            w.WriteLengthPrefixed(Encoding.UTF8.GetBytes(c.Name));
        }

        if (c.Owner is not null)
        {
            w.WriteLengthPrefixed(Encoding.UTF8.GetBytes(c.Owner));
        }
    }

    private static Checkpoint ReadCheckpoint(ref SpanReader r)
    {
        var id = new Guid(r.Bytes(16), bigEndian: true);
        var manifestId = r.U64();
        var created = DateTimeOffset.FromUnixTimeMilliseconds((long)r.U64());
        var flags = r.U8();
        DateTimeOffset? expires = (flags & CheckpointHasExpires) != 0 ? DateTimeOffset.FromUnixTimeMilliseconds((long)r.U64()) : null;
        var name = (flags & CheckpointHasName) != 0 ? Encoding.UTF8.GetString(r.LengthPrefixed()) : null;
        var owner = (flags & CheckpointHasOwner) != 0 ? Encoding.UTF8.GetString(r.LengthPrefixed()) : null;
        return new Checkpoint(id, manifestId, created, expires, name, owner);
    }
}
