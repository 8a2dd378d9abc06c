using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace ZeroFs.Crypto;

/// <summary>
/// HKDF-SHA256 (RFC 5869) derivations from the data key: one AEAD subkey per
/// <see cref="KeyDomain"/> and the key id. The data key is the input keying material, the salt is
/// empty (RFC 5869 §2.2: a string of HashLen zeros), and each use has its own info string naming
/// the format version, so the outputs are independent and a new format version gets new keys.
/// These strings are part of the persisted format (docs/formats/sealed-block.md): never change them.
/// </summary>
internal static class KeyDerivation
{
    /// <summary>Info string of the key id derivation.</summary>
    internal const string KeyIdInfo = "zerofs/v1/key-id";

    /// <summary>Info string prefix of the per-domain block keys; the domain's name follows.</summary>
    internal const string BlockKeyInfoPrefix = "zerofs/v1/block-key/";

    /// <summary>Info string of <paramref name="domain"/>'s subkey.</summary>
    internal static string BlockKeyInfo(KeyDomain domain) => domain switch
    {
        KeyDomain.Sst => BlockKeyInfoPrefix + "sst",
        KeyDomain.Wal => BlockKeyInfoPrefix + "wal",
        KeyDomain.Manifest => BlockKeyInfoPrefix + "manifest",
        _ => throw new ArgumentOutOfRangeException(nameof(domain), domain, "unknown key domain"),
    };

    /// <summary>The 4-byte key id of <paramref name="dataKey"/>, read little-endian.</summary>
    internal static uint ComputeKeyId(ReadOnlySpan<byte> dataKey)
    {
        Span<byte> output = stackalloc byte[4];
        KeyDerivationAlgorithm.HkdfSha256.DeriveBytes(dataKey, ReadOnlySpan<byte>.Empty, Encoding.ASCII.GetBytes(KeyIdInfo), output);
        return BinaryPrimitives.ReadUInt32LittleEndian(output);
    }

    /// <summary>Derives <paramref name="domain"/>'s XChaCha20-Poly1305 key from <paramref name="dataKey"/>.</summary>
    internal static Key DeriveBlockKey(ReadOnlySpan<byte> dataKey, KeyDomain domain)
    {
        var info = Encoding.ASCII.GetBytes(BlockKeyInfo(domain));
        Span<byte> subkey = stackalloc byte[32];
        try
        {
            KeyDerivationAlgorithm.HkdfSha256.DeriveBytes(dataKey, ReadOnlySpan<byte>.Empty, info, subkey);
            return Key.Import(AeadAlgorithm.XChaCha20Poly1305, subkey, KeyBlobFormat.RawSymmetricKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(subkey);
        }
    }
}
