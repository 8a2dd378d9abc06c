using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;
using ZeroFs.Crypto;
using ZeroFs.Engine.Format;

namespace ZeroFs.Engine.Manifest;

/// <summary>
/// Encodes a manifest version (ENGINE.md §8; docs/formats/manifest.md). Plaintext:
/// <code>
/// u8 format version (1)
/// records: varint tag, varint length, value   (repeated; unknown tags are skipped)
/// </code>
/// Scalars are fixed-width little-endian; list fields (L0 tables, runs, checkpoints) repeat their
/// tag once per element, in order. The plaintext is sealed with AAD <c>"zfmf" ‖ u64 LE id</c>, so a
/// valid manifest cannot be replayed under another id.
/// </summary>
internal static partial class ManifestCodec
{
    private static ReadOnlySpan<byte> AadPrefix => "zfmf"u8;

    /// <summary>Upper bound of a manifest's plaintext we accept (a corrupt length must not allocate GBs).</summary>
    internal const int MaxPlaintextLength = 256 * 1024 * 1024;

    /// <summary>The AAD of manifest <paramref name="id"/>.</summary>
    internal static void WriteAad(Span<byte> destination, ulong id)
    {
        AadPrefix.CopyTo(destination);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[4..], id);
    }

    /// <summary>Length of the AAD.</summary>
    internal const int AadLength = 12;

    /// <summary>The plaintext encoding of <paramref name="manifest"/>.</summary>
    internal static byte[] Encode(DbManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var w = new ArrayBufferWriter<byte>(1024);
        w.GetSpan(1)[0] = DbManifest.CurrentFormatVersion;
        w.Advance(1);
        WriteU64(w, ManifestTag.WriterEpoch, manifest.WriterEpoch);
        WriteU64(w, ManifestTag.CompactorEpoch, manifest.CompactorEpoch);
        WriteU64(w, ManifestTag.CreatedUnixMs, (ulong)manifest.Created.ToUnixTimeMilliseconds());
        WriteRecord(w, ManifestTag.CreatorRole, [(byte)manifest.CreatorRole]);
        WriteRecord(w, ManifestTag.WalStore, Encoding.UTF8.GetBytes(manifest.WalStore));
        WriteU64(w, ManifestTag.WalReplayAfter, manifest.WalReplayAfter);
        WriteU64(w, ManifestTag.WalNextHint, manifest.WalNextHint);
        WriteU64(w, ManifestTag.LastL0Seq, manifest.LastL0Seq);
        WriteU64(w, ManifestTag.LastL0Tick, (ulong)manifest.LastL0Tick);
        WriteU64(w, ManifestTag.RetainSeqFloor, manifest.RetainSeqFloor);
        var scratch = new ArrayBufferWriter<byte>(256);
        foreach (var table in manifest.L0)
        {
            scratch.ResetWrittenCount();
            WriteTableRef(scratch, table);
            WriteRecord(w, ManifestTag.L0Table, scratch.WrittenSpan);
        }

        foreach (var run in manifest.Runs)
        {
            scratch.ResetWrittenCount();
            WriteRun(scratch, run);
            WriteRecord(w, ManifestTag.Run, scratch.WrittenSpan);
        }

        if (manifest.LastCompactedL0 is { } marker)
        {
            Span<byte> id = stackalloc byte[Ulid.ByteLength];
            marker.WriteBytes(id);
            WriteRecord(w, ManifestTag.LastCompactedL0, id);
        }

        if (manifest.CompactorHeartbeat is { } heartbeat)
        {
            WriteU64(w, ManifestTag.CompactorHeartbeatUnixMs, (ulong)heartbeat.ToUnixTimeMilliseconds());
        }

        if (manifest.CompactorStandalone)
        {
            WriteRecord(w, ManifestTag.CompactorStandalone, [1]);
        }

        foreach (var checkpoint in manifest.Checkpoints)
        {
            scratch.ResetWrittenCount();
            WriteCheckpoint(scratch, checkpoint);
            WriteRecord(w, ManifestTag.Checkpoint, scratch.WrittenSpan);
        }

        return w.WrittenSpan.ToArray();
    }

    /// <summary>Decodes a plaintext manifest; throws <see cref="CorruptionException"/> when malformed.</summary>
    internal static DbManifest Decode(ReadOnlySpan<byte> source)
    {
        if (source.IsEmpty || source[0] != DbManifest.CurrentFormatVersion)
        {
            throw new CorruptionException($"manifest format version {(source.IsEmpty ? "(empty)" : source[0].ToString(System.Globalization.CultureInfo.InvariantCulture))} is not supported");
        }

        var m = new DbManifest();
        var l0 = ImmutableArray.CreateBuilder<TableRef>();
        var runs = ImmutableArray.CreateBuilder<SortedRun>();
        var checkpoints = ImmutableArray.CreateBuilder<Checkpoint>();
        var reader = new SpanReader(source[1..]);
        while (!reader.End)
        {
            var tag = (ManifestTag)reader.Varint();
            var value = new SpanReader(reader.Bytes(checked((int)reader.Varint())));
            m = tag switch
            {
                ManifestTag.WriterEpoch => m with { WriterEpoch = value.U64() },
                ManifestTag.CompactorEpoch => m with { CompactorEpoch = value.U64() },
                ManifestTag.CreatedUnixMs => m with { Created = DateTimeOffset.FromUnixTimeMilliseconds((long)value.U64()) },
                ManifestTag.CreatorRole => m with { CreatorRole = (CreatorRole)value.U8() },
                ManifestTag.WalStore => m with { WalStore = Encoding.UTF8.GetString(value.Rest()) },
                ManifestTag.WalReplayAfter => m with { WalReplayAfter = value.U64() },
                ManifestTag.WalNextHint => m with { WalNextHint = value.U64() },
                ManifestTag.LastL0Seq => m with { LastL0Seq = value.U64() },
                ManifestTag.LastL0Tick => m with { LastL0Tick = (long)value.U64() },
                ManifestTag.RetainSeqFloor => m with { RetainSeqFloor = value.U64() },
                ManifestTag.CompactorHeartbeatUnixMs => m with { CompactorHeartbeat = DateTimeOffset.FromUnixTimeMilliseconds((long)value.U64()) },
                ManifestTag.CompactorStandalone => m with { CompactorStandalone = value.U8() != 0 },
                ManifestTag.LastCompactedL0 => m with { LastCompactedL0 = Ulid.FromBytes(value.Bytes(Ulid.ByteLength)) },
                _ => m,
            };
            switch (tag)
            {
                case ManifestTag.L0Table:
                    l0.Add(ReadTableRef(ref value));
                    break;
                case ManifestTag.Run:
                    runs.Add(ReadRun(ref value));
                    break;
                case ManifestTag.Checkpoint:
                    checkpoints.Add(ReadCheckpoint(ref value));
                    break;
            }
        }

        return m with { L0 = l0.ToImmutable(), Runs = runs.ToImmutable(), Checkpoints = checkpoints.ToImmutable() };
    }

    /// <summary>Encodes and seals manifest <paramref name="id"/>.</summary>
    internal static byte[] Seal(BlockSealer sealer, ulong id, DbManifest manifest)
    {
        var plain = Encode(manifest);
        Span<byte> aad = stackalloc byte[AadLength];
        WriteAad(aad, id);
        return sealer.Seal(plain, aad);
    }

    /// <summary>Unseals and decodes manifest <paramref name="id"/>; corruption and wrong keys surface as exceptions.</summary>
    internal static DbManifest Open(BlockSealer sealer, ulong id, ReadOnlySpan<byte> sealedBytes)
    {
        Span<byte> aad = stackalloc byte[AadLength];
        WriteAad(aad, id);
        byte[] plain;
        try
        {
            if (BlockSealer.GetPlaintextLength(sealedBytes) > MaxPlaintextLength)
            {
                throw new CorruptionException($"manifest {id} claims an implausible length");
            }

            plain = sealer.Unseal(sealedBytes, aad);
        }
        catch (BlockCorruptException ex)
        {
            throw new CorruptionException($"manifest {id} is corrupt: {ex.Message}", ex);
        }
        catch (BlockAuthenticationException ex)
        {
            throw new CorruptionException($"manifest {id} failed authentication (moved, replayed or tampered): {ex.Message}", ex);
        }

        return Decode(plain);
    }

    private static void WriteRecord(ArrayBufferWriter<byte> w, ManifestTag tag, ReadOnlySpan<byte> value)
    {
        var span = w.GetSpan((2 * 10) + value.Length);
        var n = Varint.Write(span, (ulong)tag);
        n += Varint.Write(span[n..], (ulong)value.Length);
        value.CopyTo(span[n..]);
        w.Advance(n + value.Length);
    }

    private static void WriteU64(ArrayBufferWriter<byte> w, ManifestTag tag, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        WriteRecord(w, tag, bytes);
    }
}
