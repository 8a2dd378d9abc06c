namespace ZeroFs.Crypto.Tests;

public sealed class DataKeyTests
{
    [Fact]
    public void FromBytes_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => DataKey.FromBytes(new byte[31]));
        Assert.Throws<ArgumentException>(() => DataKey.FromBytes(new byte[33]));
    }

    [Fact]
    public void FromBytes_CopiesInput()
    {
        var bytes = TestData.Random(32);
        using var key = DataKey.FromBytes(bytes);
        bytes[0] ^= 0xFF;

        Assert.NotEqual(bytes, key.Bytes.ToArray());
    }

    [Fact]
    public void Generate_GivesDistinctKeysAndKeyIds()
    {
        using var a = DataKey.Generate();
        using var b = DataKey.Generate();

        Assert.False(a.Bytes.SequenceEqual(b.Bytes));
        Assert.NotEqual(a.KeyId, b.KeyId);
    }

    [Fact]
    public void ToString_ShowsKeyIdNeverBytes()
    {
        using var key = TestData.FixedKey();

        var text = key.ToString();

        Assert.Equal($"DataKey(id {key.KeyId:x8})", text);
        Assert.DoesNotContain(Convert.ToHexStringLower(key.Bytes), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_ZeroesAndBlocksAccess()
    {
        var key = DataKey.Generate();
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.Bytes.ToArray());
    }

    [Fact]
    public void Dispose_SealerCreatedBefore_KeepsWorking()
    {
        var key = DataKey.Generate();
        using var sealer = new BlockSealer(key, KeyDomain.Wal, CompressionOptions.Default);
        key.Dispose();

        Assert.Equal([1, 2, 3], sealer.Unseal(sealer.Seal([1, 2, 3], default), default));
    }
}
