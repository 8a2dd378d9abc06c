using System.Buffers.Binary;
using ZeroFs.ObjectStore;

namespace ZeroFs.Crypto.Tests;

public sealed class BlockSealerCorruptionTests : IDisposable
{
    private static readonly byte[] Aad = "zfsst/01J0000000000000000000/0/data"u8.ToArray();

    private readonly DataKey _key = DataKey.Generate();
    private readonly BlockSealer _sealer;

    public BlockSealerCorruptionTests()
    {
        _sealer = new BlockSealer(_key, KeyDomain.Sst, CompressionOptions.Parse("lz4"));
    }

    public void Dispose()
    {
        _sealer.Dispose();
        _key.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Unseal_EverySingleBitFlippedInSmallBlock_ThrowsBlockCorrupt(bool compressible)
    {
        var plaintext = compressible ? TestData.Compressible(200) : TestData.Random(100);
        var block = _sealer.Seal(plaintext, Aad);

        for (var bit = 0; bit < block.Length * 8; bit++)
        {
            var damaged = (byte[])block.Clone();
            damaged[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Throws<BlockCorruptException>(() => _sealer.Unseal(damaged, Aad));
        }
    }

    [Fact]
    public void Unseal_SampledBitFlipsInLargeBlock_ThrowBlockCorrupt()
    {
        var block = _sealer.Seal(TestData.Compressible(1 << 20), Aad);
        var random = new Random(7);
        var output = new byte[1 << 20];

        for (var i = 0; i < 200; i++)
        {
            // The first 64 and last 64 bits always, the rest at random.
            var bit = i < 64 ? i : i < 128 ? (block.Length * 8) - 1 - (i - 64) : random.Next(block.Length * 8);
            block[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Throws<BlockCorruptException>(() => _sealer.Unseal(block, Aad, output));
            block[bit / 8] ^= (byte)(1 << (bit % 8));
        }

        Assert.Equal(1 << 20, _sealer.Unseal(block, Aad, output));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Unseal_TamperedWithRecomputedCrc_NeverYieldsData(bool compressible)
    {
        var plaintext = compressible ? TestData.Compressible(300) : TestData.Random(100);
        var block = _sealer.Seal(plaintext, Aad);

        for (var bit = 0; bit < (block.Length - 4) * 8; bit++)
        {
            var tampered = (byte[])block.Clone();
            var offset = bit / 8;
            tampered[offset] ^= (byte)(1 << (bit % 8));
            RecomputeCrc(tampered);

            var ex = Assert.ThrowsAny<CryptoException>(() => _sealer.Unseal(tampered, Aad));
            switch (offset)
            {
                case 0: // version
                    Assert.IsType<BlockCorruptException>(ex);
                    break;
                case 1 or 2 or 3 or 4 or 5: // codec, plaintext length: unknown values are corrupt, known ones fail authentication
                    Assert.True(ex is BlockCorruptException or BlockAuthenticationException, ex.GetType().Name);
                    break;
                case 6 or 7 or 8 or 9: // key id
                    Assert.IsType<WrongKeyException>(ex);
                    break;
                default: // nonce, ciphertext, tag
                    Assert.IsType<BlockAuthenticationException>(ex);
                    break;
            }
        }
    }

    [Fact]
    public void Unseal_TamperedCiphertextWithRecomputedCrc_SaysNotValidAtThisPlace()
    {
        var block = _sealer.Seal(TestData.Compressible(4096), Aad);
        block[40] ^= 1;
        RecomputeCrc(block);

        var ex = Assert.Throws<BlockAuthenticationException>(() => _sealer.Unseal(block, Aad));
        Assert.Contains("not valid at this place", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unseal_OtherAad_ThrowsBlockAuthentication()
    {
        var block = _sealer.Seal(TestData.Compressible(4096), Aad);

        Assert.Throws<BlockAuthenticationException>(() => _sealer.Unseal(block, "zfsst/01J0000000000000000000/1/data"u8));
        Assert.Throws<BlockAuthenticationException>(() => _sealer.Unseal(block, ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Unseal_OtherDataKey_ThrowsWrongKey()
    {
        var block = _sealer.Seal(TestData.Compressible(4096), Aad);
        using var otherKey = DataKey.Generate();
        using var other = new BlockSealer(otherKey, KeyDomain.Sst, CompressionOptions.Default);

        var ex = Assert.Throws<WrongKeyException>(() => other.Unseal(block, Aad));
        Assert.Equal(_key.KeyId, ex.BlockKeyId);
        Assert.Equal(otherKey.KeyId, ex.ExpectedKeyId);
    }

    [Fact]
    public void Unseal_OtherDomain_ThrowsBlockAuthentication()
    {
        var block = _sealer.Seal(TestData.Compressible(4096), Aad);
        using var wal = new BlockSealer(_key, KeyDomain.Wal, CompressionOptions.Default);
        using var manifest = new BlockSealer(_key, KeyDomain.Manifest, CompressionOptions.Default);

        Assert.Throws<BlockAuthenticationException>(() => wal.Unseal(block, Aad));
        Assert.Throws<BlockAuthenticationException>(() => manifest.Unseal(block, Aad));
    }

    [Fact]
    public void Unseal_EveryTruncation_ThrowsBlockCorrupt()
    {
        var block = _sealer.Seal(TestData.Compressible(500), Aad);

        for (var length = 0; length < block.Length; length++)
        {
            var prefix = block.AsSpan(0, length).ToArray();
            Assert.Throws<BlockCorruptException>(() => _sealer.Unseal(prefix, Aad, new byte[1000]));
        }
    }

    [Fact]
    public void Unseal_ExtraTrailingBytes_ThrowsBlockCorrupt()
    {
        var block = _sealer.Seal(TestData.Compressible(500), Aad);
        var longer = new byte[block.Length + 1];
        block.CopyTo(longer, 0);

        Assert.Throws<BlockCorruptException>(() => _sealer.Unseal(longer, Aad));
    }

    [Fact]
    public void Unseal_UnknownVersionWithValidCrc_ThrowsBlockCorruptNamingVersion()
    {
        var block = _sealer.Seal(TestData.Compressible(500), Aad);
        block[0] = 2;
        RecomputeCrc(block);

        var ex = Assert.Throws<BlockCorruptException>(() => _sealer.Unseal(block, Aad));
        Assert.Contains("version 2", ex.Message, StringComparison.Ordinal);
        Assert.Throws<BlockCorruptException>(() => BlockSealer.GetPlaintextLength(block));
    }

    [Fact]
    public void Unseal_UnknownCodecWithValidCrc_ThrowsBlockCorrupt()
    {
        var block = _sealer.Seal(TestData.Compressible(500), Aad);
        block[1] = 3;
        RecomputeCrc(block);

        Assert.Throws<BlockCorruptException>(() => _sealer.Unseal(block, Aad));
    }

    [Fact]
    public void GetPlaintextLength_ShortOrGarbage_ThrowsBlockCorrupt()
    {
        Assert.Throws<BlockCorruptException>(() => BlockSealer.GetPlaintextLength(ReadOnlySpan<byte>.Empty));
        Assert.Throws<BlockCorruptException>(() => BlockSealer.GetPlaintextLength(new byte[9]));
        Assert.Throws<BlockCorruptException>(() => BlockSealer.GetPlaintextLength(new byte[] { 1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0 }));
        Assert.Equal(7, BlockSealer.GetPlaintextLength(new byte[] { 1, 0, 7, 0, 0, 0, 0, 0, 0, 0 }));
    }

    [Fact]
    public void Unseal_RandomGarbage_ThrowsBlockCorrupt()
    {
        var random = new Random(3);
        for (var i = 0; i < 500; i++)
        {
            var garbage = TestData.Random(random.Next(0, 300), seed: i);
            Assert.Throws<BlockCorruptException>(() => _sealer.Unseal(garbage, Aad, new byte[1 << 16]));
        }
    }

    private static void RecomputeCrc(byte[] block) =>
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(block.Length - 4), Crc32C.Compute(block.AsSpan(0, block.Length - 4)));
}
