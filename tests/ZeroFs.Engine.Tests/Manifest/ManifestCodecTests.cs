using ZeroFs.Crypto;
using ZeroFs.Engine.Manifest;

namespace ZeroFs.Engine.Tests.Manifest;

public sealed class ManifestCodecTests
{
    internal static DbManifest Sample() => new()
    {
        WriterEpoch = 3,
        CompactorEpoch = 1,
        Created = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
        CreatorRole = CreatorRole.Writer,
        WalStore = "separate:nvme",
        WalReplayAfter = 9,
        WalNextHint = 12,
        LastL0Seq = 100,
        LastL0Tick = 1_700_000_000_500,
        RetainSeqFloor = 90,
        L0 = [Table(2, "m", "z", 51, 100), Table(1, "a", "q", 1, 50)],
        Runs = [new SortedRun(7, [Table(3, "a", "k", 1, 40)])],
        LastCompactedL0 = Ulid.Create(1_700_000_000_001, 1, 2),
        Checkpoints =
        [
            new Checkpoint(new Guid("00112233-4455-6677-8899-aabbccddeeff"), 5, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), null, "daily", null),
            new Checkpoint(Guid.Empty, 6, DateTimeOffset.FromUnixTimeMilliseconds(1), DateTimeOffset.FromUnixTimeMilliseconds(2), null, "reader-1"),
        ],
    };

    private static TableRef Table(int n, string first, string last, ulong minSeq, ulong maxSeq) =>
        new(Ulid.Create(1_700_000_000_000 + n, 0, (ulong)n), 4096, 3000, 1000, TestData.Key(first), TestData.Key(last), minSeq, maxSeq, 10, 1, 1);

    [Fact]
    public void RoundTrip_PreservesEveryField()
    {
        var m = Sample();
        var decoded = ManifestCodec.Decode(ManifestCodec.Encode(m));
        Assert.Equal(ManifestCodec.Encode(m), ManifestCodec.Encode(decoded));
        Assert.Equal(m.WriterEpoch, decoded.WriterEpoch);
        Assert.Equal(m.WalStore, decoded.WalStore);
        Assert.Equal(m.LastCompactedL0, decoded.LastCompactedL0);
        Assert.Equal(2, decoded.L0.Length);
        Assert.Equal(m.L0[0].Id, decoded.L0[0].Id);
        Assert.Equal(m.L0[1].FirstKey, decoded.L0[1].FirstKey);
        Assert.Equal(m.Runs[0].Tables[0].MaxSeq, decoded.Runs[0].Tables[0].MaxSeq);
        Assert.Equal(m.Checkpoints[0] with { }, decoded.Checkpoints[0]);
        Assert.Equal(m.Checkpoints[1], decoded.Checkpoints[1]);
    }

    [Fact]
    public void Decode_SkipsUnknownTags()
    {
        var bytes = ManifestCodec.Encode(new DbManifest { WriterEpoch = 5 }).ToList();
        bytes.AddRange([0x7f, 0x03, 0xaa, 0xbb, 0xcc]);
        Assert.Equal(5UL, ManifestCodec.Decode(bytes.ToArray()).WriterEpoch);
    }

    [Fact]
    public void Decode_Truncated_IsCorruptionOrShorter()
    {
        // The envelope authenticates the whole payload; here we only check the decoder never
        // reads out of bounds or fails with anything but CorruptionException.
        var bytes = ManifestCodec.Encode(Sample());
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            try
            {
                var decoded = ManifestCodec.Decode(bytes.AsSpan(0, cut));
                Assert.NotEqual(bytes, ManifestCodec.Encode(decoded));
            }
            catch (CorruptionException)
            {
            }
        }
    }

    [Fact]
    public void Golden_PlaintextEncoding_IsStable()
    {
        var m = new DbManifest
        {
            WriterEpoch = 2,
            Created = DateTimeOffset.FromUnixTimeMilliseconds(1000),
            WalReplayAfter = 3,
            LastL0Seq = 4,
            L0 = [new TableRef(Ulid.Create(1, 0, 1), 10, 5, 2, [0x61], [0x62], 1, 4, 3, 0, 1)],
        };
        Assert.Equal(GoldenV1, TestData.Hex(ManifestCodec.Encode(m)));
    }

    [Fact]
    public void Sealed_UnderAnotherId_FailsAuthentication()
    {
        using var key = DataKey.Generate();
        using var sealer = new BlockSealer(key, KeyDomain.Manifest, CompressionOptions.Default);
        var sealedBytes = ManifestCodec.Seal(sealer, 7, Sample());
        Assert.Equal(3UL, ManifestCodec.Open(sealer, 7, sealedBytes).WriterEpoch);
        Assert.Throws<CorruptionException>(() => ManifestCodec.Open(sealer, 8, sealedBytes));
    }

    // Computed independently from docs/formats/manifest.md, not from the encoder.
    private const string GoldenV1 =
        "0101080200000000000000020800000000000000000308e80300000000000004010105046d61696e0608030000000000" +
        "00000708000000000000000008080400000000000000090800000000000000000a0800000000000000000b4900000000" +
        "0001000000000000000000010a0000000000000005000000000000000200000001610162010000000000000004000000" +
        "000000000300000000000000000000000000000001";
}
