using ZeroFs.Engine.Format;
using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine.Tests.Sst;

/// <summary>
/// Pins the plaintext encodings of format v1 (ENGINE.md §13.22). Sealed bytes carry a random nonce,
/// so the sealed table is covered by round trips instead; a change here is a format break and
/// needs a new version.
/// </summary>
public class SstGoldenTests
{
    [Fact]
    public void Tail_Version1_MatchesGoldenBytes()
    {
        var tail = new byte[SstTail.Length];
        new SstTail(0x0102030405, 0x0607, SstTail.CurrentVersion, SstTail.FlagHasFilter).Write(tail);
        Assert.Equal(
            "0504030201000000" + "07060000" + GoldenTailCrc + "0100" + "0100" + "5a465354" + "0000000000000000",
            TestData.Hex(tail));
        Assert.Equal(new SstTail(0x0102030405, 0x0607, 1, 1), SstTail.Parse(tail, 0x0102030405 + 0x0607 + 32));
    }

    private const string GoldenTailCrc = "0ed9e58c"; // CRC-32C cross-checked with an independent bitwise implementation;

    [Fact]
    public void Properties_Version1_MatchesGoldenBytes()
    {
        var properties = new SstProperties
        {
            EntryCount = 3,
            TombstoneCount = 1,
            MinKey = "a"u8.ToArray(),
            MaxKey = "zz"u8.ToArray(),
            MinSeq = 10,
            MaxSeq = 300,
            RawKeyBytes = 5,
            RawValueBytes = 1000,
            DataBlockCount = 1,
            CreatedBy = SstCreator.Compactor,
            Epoch = 7,
        };
        using var buffer = new PooledBuffer();
        SstPropertiesCodec.Write(properties, buffer);
        Assert.Equal(
            "01" + "010103" + "020101" + "030161" + "04027a7a" + "05010a" + "0602ac02" + "070105" + "0802e807" + "090101" + "0a0102" + "0b0107",
            TestData.Hex(buffer.WrittenSpan));
        var back = SstPropertiesCodec.Parse(buffer.WrittenSpan);
        Assert.Equal(properties.MaxKey, back.MaxKey);
        Assert.Equal(properties with { MinKey = back.MinKey, MaxKey = back.MaxKey }, back);
    }

    [Fact]
    public void Properties_UnknownTag_IsSkipped()
    {
        var hex = "01" + "010103" + "020101" + "030161" + "04027a7a" + "05010a" + "0602ac02" + "070105" + "0802e807" + "090101"
            + "630300ffee"; // tag 99, three bytes: a field added by a later writer
        var back = SstPropertiesCodec.Parse(Convert.FromHexString(hex));
        Assert.Equal(300UL, back.MaxSeq);
        Assert.Equal(SstCreator.Unknown, back.CreatedBy);
    }

    [Fact]
    public void Properties_MissingRequiredTag_ThrowsCorruption() =>
        Assert.Throws<CorruptionException>(() => SstPropertiesCodec.Parse(Convert.FromHexString("01010103")));

    [Fact]
    public void IndexEntry_Version1_MatchesGoldenBytes()
    {
        using var builder = new BlockBuilder();
        var handle = new byte[SstIndex.HandleLength];
        SstIndex.WriteHandle(handle, new BlockHandle(0, 0x4321));
        builder.Add([], 9, EntryKind.Put, handle);
        Assert.Equal(
            "00000c" + "01" + "0900000000000000" + "0000000000000000" + "21430000" + "00000000" + "01000000",
            TestData.Hex(builder.Finish()));
    }

    [Fact]
    public void Aad_Version1_MatchesGoldenBytes()
    {
        var aad = new byte[SstAad.Length];
        SstAad.Write(aad, Ulid.Create(1, 2, 3), 0x1000, BlockKind.Index);
        Assert.Equal(
            "7a66737374" + "000000000001" + "0002" + "0000000000000003" + "0010000000000000" + "03",
            TestData.Hex(aad));
    }
}
