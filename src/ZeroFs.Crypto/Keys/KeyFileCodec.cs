using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using ZeroFs.ObjectStore;

namespace ZeroFs.Crypto.Keys;

/// <summary>
/// Key file format version 1 (docs/formats/key-file.md). All integers little-endian.
/// <code>
/// off len
///   0   4  magic            "ZFKF"
///   4   1  format version   = 1
///   5   1  kdf              = 1 (Argon2id v1.3, RFC 9106)
///   6   1  aead             = 1 (XChaCha20-Poly1305)
///   7   1  reserved         = 0
///   8   4  memory KiB       u32
///  12   4  passes           u32
///  16   4  parallelism      u32 (= 1)
///  20   4  key id           of the wrapped data key (as in sealed blocks; reveals nothing)
///  24  16  salt             random, per write
///  40  24  nonce            random, per write
///  64  48  wrapped key      XChaCha20-Poly1305(Argon2id(password, salt), nonce, AD = bytes [0, 64)) of the 32-byte data key
/// 112   4  CRC32C           over bytes [0, 112)
/// 116      total
/// </code>
/// </summary>
internal static class KeyFileCodec
{
    internal const byte Version1 = 1;
    internal const byte KdfArgon2id = 1;
    internal const byte AeadXChaCha20Poly1305 = 1;
    internal const int SaltLength = 16;
    internal const int NonceLength = 24;
    internal const int VersionOffset = 4;
    internal const int MemoryOffset = 8;
    internal const int PassesOffset = 12;
    internal const int ParallelismOffset = 16;
    internal const int KeyIdOffset = 20;
    internal const int SaltOffset = 24;
    internal const int NonceOffset = 40;
    internal const int WrappedKeyOffset = 64;
    internal const int WrappedKeyLength = DataKey.KeyLength + 16;
    internal const int CrcOffset = WrappedKeyOffset + WrappedKeyLength;
    internal const int Length = CrcOffset + 4;

    private static readonly AeadAlgorithm Aead = AeadAlgorithm.XChaCha20Poly1305;

    /// <summary>"ZFKF".</summary>
    internal static ReadOnlySpan<byte> Magic => "ZFKF"u8;

    /// <summary>Wraps <paramref name="dataKey"/> under <paramref name="password"/> with a fresh salt and nonce.</summary>
    internal static byte[] Write(DataKey dataKey, string password, KeyFileOptions options)
    {
        Span<byte> salt = stackalloc byte[SaltLength];
        Span<byte> nonce = stackalloc byte[NonceLength];
        RandomNumberGenerator.Fill(salt);
        RandomNumberGenerator.Fill(nonce);
        return Write(dataKey, password, options, salt, nonce);
    }

    /// <summary>Wraps with the given salt and nonce (golden-byte tests use fixed ones).</summary>
    internal static byte[] Write(DataKey dataKey, string password, KeyFileOptions options, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> nonce)
    {
        var file = new byte[Length];
        Magic.CopyTo(file);
        file[VersionOffset] = Version1;
        file[5] = KdfArgon2id;
        file[6] = AeadXChaCha20Poly1305;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(MemoryOffset), (uint)options.MemoryKiB);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(PassesOffset), (uint)options.Passes);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(ParallelismOffset), (uint)options.Parallelism);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(KeyIdOffset), dataKey.KeyId);
        salt.CopyTo(file.AsSpan(SaltOffset, SaltLength));
        nonce.CopyTo(file.AsSpan(NonceOffset, NonceLength));
        using (var kek = DeriveKeyEncryptionKey(password, salt, options))
        {
            Aead.Encrypt(
                kek,
                nonce,
                file.AsSpan(0, WrappedKeyOffset),
                dataKey.Bytes,
                file.AsSpan(WrappedKeyOffset, WrappedKeyLength));
        }

        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(CrcOffset), Crc32C.Compute(file.AsSpan(0, CrcOffset)));
        return file;
    }

    /// <summary>
    /// Checks the file's integrity and format and returns its Argon2id parameters.
    /// </summary>
    /// <exception cref="KeyFileCorruptException">Damaged, or not a v1 key file.</exception>
    internal static KeyFileOptions ReadHeader(ReadOnlySpan<byte> file, string location)
    {
        if (file.Length < 8 || !file[..4].SequenceEqual(Magic))
        {
            throw new KeyFileCorruptException($"{location} is not a ZeroFS key file (bad magic or too short: {file.Length} bytes)");
        }

        if (file[VersionOffset] != Version1)
        {
            throw new KeyFileCorruptException(
                $"{location} has key file version {file[VersionOffset]}; this build reads version {Version1} "
                + "(corrupt, or written by a newer ZeroFS)");
        }

        if (file.Length != Length)
        {
            throw new KeyFileCorruptException($"{location} is corrupt: {file.Length} bytes, a v1 key file has {Length}");
        }

        var stored = BinaryPrimitives.ReadUInt32LittleEndian(file[CrcOffset..]);
        var computed = Crc32C.Compute(file[..CrcOffset]);
        if (stored != computed)
        {
            throw new KeyFileCorruptException(
                $"{location} is corrupt: CRC32C mismatch (stored {stored:x8}, computed {computed:x8}); restore it from a backup");
        }

        if (file[5] != KdfArgon2id || file[6] != AeadXChaCha20Poly1305 || file[7] != 0)
        {
            throw new KeyFileCorruptException(
                $"{location} names an unknown key derivation ({file[5]}) or cipher ({file[6]}) or has flags ({file[7]})");
        }

        var options = new KeyFileOptions
        {
            MemoryKiB = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(file[MemoryOffset..]), int.MaxValue),
            Passes = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(file[PassesOffset..]), int.MaxValue),
            Parallelism = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(file[ParallelismOffset..]), int.MaxValue),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new KeyFileCorruptException($"{location} records unusable Argon2id parameters: {ex.Message}");
        }

        return options;
    }

    /// <summary>
    /// Unwraps the data key of a file that passed <see cref="ReadHeader"/>; <see langword="null"/>
    /// when the password does not unlock it.
    /// </summary>
    internal static DataKey? TryUnwrap(ReadOnlySpan<byte> file, KeyFileOptions recorded, string password, string location)
    {
        Span<byte> keyBytes = stackalloc byte[DataKey.KeyLength];
        try
        {
            using (var kek = DeriveKeyEncryptionKey(password, file.Slice(SaltOffset, SaltLength), recorded))
            {
                if (!Aead.Decrypt(
                    kek,
                    file.Slice(NonceOffset, NonceLength),
                    file[..WrappedKeyOffset],
                    file.Slice(WrappedKeyOffset, WrappedKeyLength),
                    keyBytes))
                {
                    return null;
                }
            }

            var key = DataKey.FromBytes(keyBytes);
            var recordedKeyId = BinaryPrimitives.ReadUInt32LittleEndian(file[KeyIdOffset..]);
            if (key.KeyId != recordedKeyId)
            {
                key.Dispose();
                throw new KeyFileCorruptException(
                    $"{location} unlocked, but its key has id {key.KeyId:x8} where the file records {recordedKeyId:x8}");
            }

            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyBytes);
        }
    }

    /// <summary>Argon2id(UTF-8 password, salt) as an XChaCha20-Poly1305 key; the password bytes are zeroed after use.</summary>
    private static Key DeriveKeyEncryptionKey(string password, ReadOnlySpan<byte> salt, KeyFileOptions options)
    {
        var argon2 = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = options.Parallelism,
            MemorySize = options.MemoryKiB,
            NumberOfPasses = options.Passes,
        });
        var passwordBytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(password.Length));
        Span<byte> kek = stackalloc byte[Aead.KeySize];
        try
        {
            var count = Encoding.UTF8.GetBytes(password, passwordBytes);
            argon2.DeriveBytes(passwordBytes.AsSpan(0, count), salt, kek);
            return Key.Import(Aead, kek, KeyBlobFormat.RawSymmetricKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
            CryptographicOperations.ZeroMemory(passwordBytes);
            ArrayPool<byte>.Shared.Return(passwordBytes);
        }
    }
}
