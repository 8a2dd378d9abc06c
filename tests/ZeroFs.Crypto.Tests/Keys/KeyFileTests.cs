using ZeroFs.Crypto.Keys;
using ZeroFs.ObjectStore;

namespace ZeroFs.Crypto.Tests.Keys;

public sealed class KeyFileTests
{
    /// <summary>Cheap Argon2id parameters; the file records them, so reading uses them too.</summary>
    internal static readonly KeyFileOptions Cheap = new() { MemoryKiB = 8, Passes = 1 };

    private const string Password = "correct horse battery";

    [Fact]
    public async Task OpenOrCreate_EmptyStore_WritesKeyFileThatOpenUnlocks()
    {
        var store = new MemoryObjectStore();

        using var created = await KeyFile.OpenOrCreateAsync(store, Password, Cheap);
        using var opened = await KeyFile.OpenAsync(store, Password);
        using var reopened = await KeyFile.OpenOrCreateAsync(store, Password, Cheap);

        Assert.Equal(created.Bytes.ToArray(), opened.Bytes.ToArray());
        Assert.Equal(created.Bytes.ToArray(), reopened.Bytes.ToArray());
        var meta = await store.HeadAsync(KeyFile.ObjectKey);
        Assert.Equal(KeyFileCodec.Length, meta!.Size);
    }

    [Fact]
    public async Task OpenOrCreate_LocalDirectory_SealedBlockSurvivesReopen()
    {
        var root = Directory.CreateTempSubdirectory("zerofs-keyfile-");
        try
        {
            byte[] block;
            await using (var store = new LocalDirectoryObjectStore(root.FullName))
            {
                using var key = await KeyFile.OpenOrCreateAsync(store, Password, Cheap);
                using var sealer = new BlockSealer(key, KeyDomain.Manifest, CompressionOptions.Default);
                block = sealer.Seal("manifest 1"u8, "zfmf1"u8);
            }

            await using (var store = new LocalDirectoryObjectStore(root.FullName))
            {
                using var key = await KeyFile.OpenAsync(store, Password);
                using var sealer = new BlockSealer(key, KeyDomain.Manifest, CompressionOptions.Default);
                Assert.Equal("manifest 1"u8.ToArray(), sealer.Unseal(block, "zfmf1"u8));
            }
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task OpenOrCreate_WrongPassword_ThrowsAndLeavesFileByteIdentical()
    {
        var store = new MemoryObjectStore(name: "bucket");
        (await KeyFile.OpenOrCreateAsync(store, Password, Cheap)).Dispose();
        var before = await ReadAsync(store);

        var ex = await Assert.ThrowsAsync<WrongPasswordException>(
            () => KeyFile.OpenOrCreateAsync(store, "not the password", Cheap));

        Assert.Equal("the encryption password does not unlock the key file at memory://bucket/keys/zerofs.key", ex.Message);
        Assert.Equal(before, await ReadAsync(store));
        Assert.Equal(1, store.Count);
        await Assert.ThrowsAsync<WrongPasswordException>(() => KeyFile.OpenAsync(store, "not the password"));
    }

    [Fact]
    public async Task Open_EmptyStore_ThrowsNotFoundSayingWriterMustRunFirst()
    {
        var store = new MemoryObjectStore();

        var ex = await Assert.ThrowsAsync<KeyFileNotFoundException>(() => KeyFile.OpenAsync(store, Password));

        Assert.Contains("not initialised", ex.Message, StringComparison.Ordinal);
        Assert.Contains("writer must run", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task OpenOrCreate_EightRacingTasks_AllGetTheSameKey()
    {
        var store = new MemoryObjectStore();
        using var start = new ManualResetEventSlim();

        var tasks = Enumerable.Range(0, 8)
            .Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await KeyFile.OpenOrCreateAsync(store, Password, Cheap);
            }))
            .ToArray();
        start.Set();
        var keys = await Task.WhenAll(tasks);

        try
        {
            Assert.All(keys, k => Assert.Equal(keys[0].Bytes.ToArray(), k.Bytes.ToArray()));
            Assert.Equal(1, store.Count);
            using var opened = await KeyFile.OpenAsync(store, Password);
            Assert.Equal(keys[0].Bytes.ToArray(), opened.Bytes.ToArray());
        }
        finally
        {
            foreach (var key in keys)
            {
                key.Dispose();
            }
        }
    }

    [Fact]
    public async Task OpenOrCreate_LosesCreateRace_UnlocksWinnersFile()
    {
        var store = new InterceptingObjectStore(new MemoryObjectStore());
        DataKey? winner = null;
        store.BeforePut = async inner => winner = await KeyFile.OpenOrCreateAsync(inner, Password, Cheap);

        using var loser = await KeyFile.OpenOrCreateAsync(store, Password, Cheap);

        using (winner)
        {
            Assert.Equal(winner!.Bytes.ToArray(), loser.Bytes.ToArray());
        }
    }

    [Fact]
    public async Task OpenOrCreate_ShortPasswordOnCreate_ThrowsArgumentException()
    {
        var store = new MemoryObjectStore();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => KeyFile.OpenOrCreateAsync(store, "short", Cheap));

        Assert.Contains("at least 8 characters", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task ChangePassword_NewWorksOldFailsKeyUnchanged()
    {
        var store = new MemoryObjectStore();
        using var original = await KeyFile.OpenOrCreateAsync(store, Password, Cheap);
        var before = await ReadAsync(store);

        await KeyFile.ChangePasswordAsync(store, Password, "a much better passphrase", Cheap);

        using var reopened = await KeyFile.OpenAsync(store, "a much better passphrase");
        Assert.Equal(original.Bytes.ToArray(), reopened.Bytes.ToArray());
        await Assert.ThrowsAsync<WrongPasswordException>(() => KeyFile.OpenAsync(store, Password));
        var after = await ReadAsync(store);
        Assert.NotEqual(before.AsSpan(KeyFileCodec.SaltOffset, 16).ToArray(), after.AsSpan(KeyFileCodec.SaltOffset, 16).ToArray());
    }

    [Fact]
    public async Task ChangePassword_RaisesArgon2Parameters_FileRecordsThem()
    {
        var store = new MemoryObjectStore();
        (await KeyFile.OpenOrCreateAsync(store, Password, Cheap)).Dispose();

        await KeyFile.ChangePasswordAsync(store, Password, "another password", new KeyFileOptions { MemoryKiB = 64, Passes = 2 });

        var recorded = KeyFileCodec.ReadHeader(await ReadAsync(store), "test");
        Assert.Equal(64, recorded.MemoryKiB);
        Assert.Equal(2, recorded.Passes);
        (await KeyFile.OpenAsync(store, "another password")).Dispose();
    }

    [Fact]
    public async Task ChangePassword_WrongOldPassword_ThrowsAndWritesNothing()
    {
        var store = new MemoryObjectStore();
        (await KeyFile.OpenOrCreateAsync(store, Password, Cheap)).Dispose();
        var before = await ReadAsync(store);

        await Assert.ThrowsAsync<WrongPasswordException>(
            () => KeyFile.ChangePasswordAsync(store, "wrong password", "a new password", Cheap));

        Assert.Equal(before, await ReadAsync(store));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1234567")]
    public async Task ChangePassword_ShortNewPassword_ThrowsArgumentException(string newPassword)
    {
        var store = new MemoryObjectStore();
        (await KeyFile.OpenOrCreateAsync(store, Password, Cheap)).Dispose();

        var ex = await Assert.ThrowsAsync<ArgumentException>(
            () => KeyFile.ChangePasswordAsync(store, Password, newPassword, Cheap));

        Assert.Equal("newPassword", ex.ParamName);
        (await KeyFile.OpenAsync(store, Password)).Dispose();
    }

    [Fact]
    public async Task ChangePassword_ConcurrentChangeLandsFirst_ThrowsRetryableConflictAndKeepsTheOther()
    {
        var memory = new MemoryObjectStore();
        (await KeyFile.OpenOrCreateAsync(memory, Password, Cheap)).Dispose();
        var store = new InterceptingObjectStore(memory)
        {
            BeforePut = inner => KeyFile.ChangePasswordAsync(inner, Password, "the other change", Cheap),
        };

        var ex = await Assert.ThrowsAsync<KeyFileConflictException>(
            () => KeyFile.ChangePasswordAsync(store, Password, "this change", Cheap));

        Assert.True(ex.IsTransient);
        (await KeyFile.OpenAsync(memory, "the other change")).Dispose();
        await Assert.ThrowsAsync<WrongPasswordException>(() => KeyFile.OpenAsync(memory, "this change"));
    }

    [Fact]
    public async Task ChangePassword_EmptyStore_ThrowsNotFound()
    {
        await Assert.ThrowsAsync<KeyFileNotFoundException>(
            () => KeyFile.ChangePasswordAsync(new MemoryObjectStore(), Password, "a new password", Cheap));
    }

    [Fact]
    public async Task Open_EveryByteOfFileDamaged_ThrowsCorruptNeverWrongKey()
    {
        var store = new MemoryObjectStore();
        (await KeyFile.OpenOrCreateAsync(store, Password, Cheap)).Dispose();
        var file = await ReadAsync(store);

        for (var offset = 0; offset < file.Length; offset++)
        {
            var damaged = (byte[])file.Clone();
            damaged[offset] ^= 0x10;
            await store.PutAsync(KeyFile.ObjectKey, damaged, PutCondition.Overwrite);

            await Assert.ThrowsAsync<KeyFileCorruptException>(() => KeyFile.OpenAsync(store, Password));
            await Assert.ThrowsAsync<KeyFileCorruptException>(() => KeyFile.OpenOrCreateAsync(store, Password, Cheap));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(115)]
    [InlineData(117)]
    public async Task Open_WrongSize_ThrowsCorrupt(int length)
    {
        var store = new MemoryObjectStore();
        (await KeyFile.OpenOrCreateAsync(store, Password, Cheap)).Dispose();
        var file = await ReadAsync(store);
        var resized = new byte[length];
        file.AsSpan(0, Math.Min(length, file.Length)).CopyTo(resized);
        await store.PutAsync(KeyFile.ObjectKey, resized, PutCondition.Overwrite);

        await Assert.ThrowsAsync<KeyFileCorruptException>(() => KeyFile.OpenAsync(store, Password));
    }

    [Fact]
    public void Options_Validate_RejectsOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyFileOptions { MemoryKiB = 4 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyFileOptions { Passes = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyFileOptions { Parallelism = 2 }.Validate());
        KeyFileOptions.Default.Validate();
        Assert.Equal(256 * 1024, KeyFileOptions.Default.MemoryKiB);
        Assert.Equal(3, KeyFileOptions.Default.Passes);
    }

    private static async Task<byte[]> ReadAsync(IObjectStore store)
    {
        using var result = await store.GetAsync(KeyFile.ObjectKey);
        return result!.ToArray();
    }
}
