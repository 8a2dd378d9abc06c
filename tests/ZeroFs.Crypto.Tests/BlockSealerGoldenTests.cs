namespace ZeroFs.Crypto.Tests;

/// <summary>
/// Pins envelope format v1 (docs/formats/sealed-block.md): key bytes 00..1f, nonce 40..57,
/// AAD "zfsst/golden". If a seal test fails, the format changed: bump the envelope version instead.
/// </summary>
public sealed class BlockSealerGoldenTests
{
    private const string Aad = "zfsst/golden";

    private static readonly byte[] ShortPlaintext = "ZeroFS"u8.ToArray();

    private static readonly byte[] RepetitivePlaintext =
        "hello, sealed world! hello, sealed world! hello, sealed world! hello, sealed world!"u8.ToArray();

    // Codec none, "ZeroFS".
    private const string GoldenNone =
        "010006000000f66d8d7b404142434445464748494a4b4c4d4e4f505152535455"
        + "56571a37179623922da3c9dfd599a2e74234f6da0ece72e52aad972f";

    // Codec lz4, RepetitivePlaintext.
    private const string GoldenLz4 =
        "010153000000f66d8d7b404142434445464748494a4b4c4d4e4f505152535455"
        + "5657bf540d9c09ad8501a83950e9c2aac38e7480501b5f7bc4904e853beb8e87"
        + "da07f704f39acc11fea12ff294db5db8f569c6570931";

    // Codec zstd (level 3), RepetitivePlaintext. Only unsealed: encoder output may change between zstd versions.
    private const string GoldenZstd =
        "010253000000f66d8d7b404142434445464748494a4b4c4d4e4f505152535455"
        + "565768e74a0445920f2d88e25dedc2a3c882239c4716573f80a539cc19e898ca"
        + "9e275fd91435841a059003cc2b7cc8eb2f18827147a4bdde269182";

    [Fact]
    public void KeyId_FixedKey_IsPinned()
    {
        using var key = TestData.FixedKey();
        Assert.Equal(0x7b8d6df6u, key.KeyId);
    }

    [Theory]
    [InlineData("none", GoldenNone)]
    [InlineData("lz4", GoldenLz4)]
    public void Seal_FixedKeyAndNonce_MatchesGoldenBytes(string compression, string expectedHex)
    {
        using var key = TestData.FixedKey();
        using var sealer = new BlockSealer(key, KeyDomain.Sst, CompressionOptions.Parse(compression), TestData.FixedNonce);
        var plaintext = compression == "none" ? ShortPlaintext : RepetitivePlaintext;

        var actual = Convert.ToHexStringLower(sealer.Seal(plaintext, System.Text.Encoding.ASCII.GetBytes(Aad)));

        Assert.Equal(expectedHex, actual);
    }

    [Theory]
    [InlineData(GoldenNone, false)]
    [InlineData(GoldenLz4, true)]
    [InlineData(GoldenZstd, true)]
    public void Unseal_GoldenBytes_GivesPlaintext(string hex, bool repetitive)
    {
        using var key = TestData.FixedKey();
        using var sealer = new BlockSealer(key, KeyDomain.Sst, CompressionOptions.Default);

        var plaintext = sealer.Unseal(Convert.FromHexString(hex), System.Text.Encoding.ASCII.GetBytes(Aad));

        Assert.Equal(repetitive ? RepetitivePlaintext : ShortPlaintext, plaintext);
    }
}
