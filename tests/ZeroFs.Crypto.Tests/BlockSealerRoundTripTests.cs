namespace ZeroFs.Crypto.Tests;

public sealed class BlockSealerRoundTripTests
{
    public static TheoryData<string, int, bool> Cases()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var codec in new[] { "none", "lz4", "zstd-1", "zstd-3" })
        {
            foreach (var size in new[] { 0, 1, 15, 4096, 32768, 1 << 20, 4 << 20 })
            {
                data.Add(codec, size, false);
                data.Add(codec, size, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SealUnseal_AnyCodecSizeAndData_RoundTripsAndRecordsCodec(string compression, int size, bool compressible)
    {
        var options = CompressionOptions.Parse(compression);
        using var key = DataKey.Generate();
        using var sealer = new BlockSealer(key, KeyDomain.Sst, options);
        var plaintext = compressible ? TestData.Compressible(size, seed: size) : TestData.Random(size, seed: size);
        var aad = "zfsst/table/0"u8;

        var sealedBlock = new byte[BlockSealer.MaxSealedLength(size)];
        var written = sealer.Seal(plaintext, aad, sealedBlock);
        var block = sealedBlock.AsSpan(0, written);

        Assert.Equal(size, BlockSealer.GetPlaintextLength(block));
        var expectedCodec = compressible && size >= 4096 ? options.Codec : CompressionCodec.None;
        Assert.Equal((byte)expectedCodec, block[1]);
        if (expectedCodec == CompressionCodec.None)
        {
            Assert.Equal(size + BlockSealer.EnvelopeOverhead, written);
        }
        else
        {
            Assert.True(written < (size * 0.97) + BlockSealer.EnvelopeOverhead, $"{written} bytes sealed from {size}");
        }

        var output = new byte[size];
        Assert.Equal(size, sealer.Unseal(block, aad, output));
        Assert.Equal(plaintext, output);
    }

    [Fact]
    public void Seal_SamePlaintextTwice_UsesFreshNonces()
    {
        using var key = DataKey.Generate();
        using var sealer = new BlockSealer(key, KeyDomain.Wal, CompressionOptions.Default);
        var plaintext = TestData.Compressible(1000);

        var first = sealer.Seal(plaintext, "a"u8);
        var second = sealer.Seal(plaintext, "a"u8);

        Assert.NotEqual(first, second);
        Assert.Equal(plaintext, sealer.Unseal(second, "a"u8));
    }

    [Fact]
    public void Unseal_WithSealerOfSameKeyAndOtherCompression_ReadsBlock()
    {
        using var key = DataKey.Generate();
        using var lz4 = new BlockSealer(key, KeyDomain.Sst, CompressionOptions.Parse("lz4"));
        using var zstd = new BlockSealer(key, KeyDomain.Sst, CompressionOptions.Parse("zstd-9"));
        var plaintext = TestData.Compressible(20_000);

        Assert.Equal(plaintext, zstd.Unseal(lz4.Seal(plaintext, "p"u8), "p"u8));
        Assert.Equal(plaintext, lz4.Unseal(zstd.Seal(plaintext, "p"u8), "p"u8));
    }

    [Fact]
    public void SealUnseal_LargeAad_UsesPooledBufferAndRoundTrips()
    {
        using var key = DataKey.Generate();
        using var sealer = new BlockSealer(key, KeyDomain.Manifest, CompressionOptions.Default);
        var aad = TestData.Random(5000);
        var plaintext = TestData.Compressible(5000);

        var block = sealer.Seal(plaintext, aad);

        Assert.Equal(plaintext, sealer.Unseal(block, aad));
        aad[4999] ^= 1;
        Assert.Throws<BlockAuthenticationException>(() => sealer.Unseal(block, aad));
    }

    [Fact]
    public void SealUnseal_ConcurrentThreads_AllRoundTrip()
    {
        using var key = DataKey.Generate();
        using var sealer = new BlockSealer(key, KeyDomain.Sst, CompressionOptions.Default);
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var plaintext = TestData.Compressible(32768, seed: i);
            var aad = BitConverter.GetBytes(i);
            Assert.Equal(plaintext, sealer.Unseal(sealer.Seal(plaintext, aad), aad));
        });
    }

    [Fact]
    public void Seal_DestinationTooSmall_ThrowsArgumentException()
    {
        using var key = DataKey.Generate();
        using var sealer = new BlockSealer(key, KeyDomain.Sst, CompressionOptions.Default);
        var plaintext = TestData.Compressible(4096);

        var ex = Assert.Throws<ArgumentException>(
            () => sealer.Seal(plaintext, default, new byte[BlockSealer.MaxSealedLength(4096) - 1]));
        Assert.Equal("destination", ex.ParamName);
    }

    [Fact]
    public void Unseal_DestinationTooSmall_ThrowsArgumentException()
    {
        using var key = DataKey.Generate();
        using var sealer = new BlockSealer(key, KeyDomain.Sst, CompressionOptions.Default);
        var block = sealer.Seal(TestData.Compressible(4096), default);

        Assert.Throws<ArgumentException>(() => sealer.Unseal(block, default, new byte[4095]));
    }

    [Fact]
    public void MaxSealedLength_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockSealer.MaxSealedLength(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockSealer.MaxSealedLength(int.MaxValue));
    }

    [Fact]
    public void Constructor_InvalidZstdLevel_Throws()
    {
        using var key = DataKey.Generate();
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new BlockSealer(key, KeyDomain.Sst, new CompressionOptions(CompressionCodec.Zstd, 23)));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new BlockSealer(key, (KeyDomain)99, CompressionOptions.Default));
    }
}
