using ZeroFs.Crypto.Keys;

namespace ZeroFs.Crypto.Tests.Keys;

/// <summary>
/// Pins key file format v1 (docs/formats/key-file.md): data key 00..1f, password
/// "correct horse battery", Argon2id 8 KiB × 1 pass, salt a0..af, nonce 40..57.
/// </summary>
public sealed class KeyFileGoldenTests
{
    private const string Password = "correct horse battery";

    private const string Golden =
        "5a464b4601010100080000000100000001000000f66d8d7ba0a1a2a3a4a5a6a7"
        + "a8a9aaabacadaeaf404142434445464748494a4b4c4d4e4f5051525354555657"
        + "7c8743a608f505c6b26225bf60f08fa5af240d42c4523cb0ffc26dfa820c8560"
        + "71bf8f52b85918a455184477d74d9c28e7d7161b";

    [Fact]
    public void Write_FixedInputs_MatchesGoldenBytes()
    {
        using var key = TestData.FixedKey();

        var file = KeyFileCodec.Write(key, Password, KeyFileTests.Cheap, Salt(), Nonce());

        Assert.Equal(Golden, Convert.ToHexStringLower(file));
    }

    [Fact]
    public void ReadAndUnwrap_GoldenBytes_GivesFixedKey()
    {
        var file = Convert.FromHexString(Golden);
        using var expected = TestData.FixedKey();

        var recorded = KeyFileCodec.ReadHeader(file, "golden");
        using var key = KeyFileCodec.TryUnwrap(file, recorded, Password, "golden");

        Assert.Equal(8, recorded.MemoryKiB);
        Assert.Equal(1, recorded.Passes);
        Assert.Equal(1, recorded.Parallelism);
        Assert.Equal(expected.Bytes.ToArray(), key!.Bytes.ToArray());
        Assert.Null(KeyFileCodec.TryUnwrap(file, recorded, "wrong password", "golden"));
    }

    private static byte[] Salt() => Enumerable.Range(0xa0, 16).Select(i => (byte)i).ToArray();

    private static byte[] Nonce()
    {
        var nonce = new byte[24];
        TestData.FixedNonce(nonce);
        return nonce;
    }
}
