using ZeroFs.ObjectStore;

namespace ZeroFs.Crypto.Keys;

/// <summary>
/// The password-wrapped data key, stored at <see cref="ObjectKey"/> in the store's root
/// (docs/formats/key-file.md). The data key never changes; a password change rewraps it under a new
/// salt. Unlocking costs one Argon2id run with the parameters recorded in the file (about 0.3 s with
/// <see cref="KeyFileOptions.Default"/>), done inline on the calling thread.
/// </summary>
public static class KeyFile
{
    /// <summary>Where the key file lives, relative to the store root.</summary>
    public const string ObjectKey = "keys/zerofs.key";

    /// <summary>Shortest password accepted for a new key file or a password change, in characters.</summary>
    public const int MinPasswordLength = 8;

    /// <summary>How often a create that hits store conflicts (HTTP 409) is tried before giving up.</summary>
    private const int MaxCreateAttempts = 5;

    /// <summary>
    /// Opens the store's data key, creating the key file on first start: a fresh key is generated,
    /// wrapped under <paramref name="password"/> and written create-only; if another process wins
    /// that race, its file is read and unlocked instead, so every caller ends up with the same key.
    /// </summary>
    /// <param name="store">The store whose root holds <see cref="ObjectKey"/>.</param>
    /// <param name="password">The encryption password (at least <see cref="MinPasswordLength"/> characters when the file is created).</param>
    /// <param name="options">Argon2id parameters for a newly created file (an existing file records its own).</param>
    /// <param name="cancellationToken">Stops waiting for the store.</param>
    /// <returns>The data key; the caller owns and disposes it.</returns>
    /// <exception cref="WrongPasswordException">The file exists and the password does not unlock it; nothing was written.</exception>
    /// <exception cref="KeyFileCorruptException">The file exists but is damaged or of an unknown version.</exception>
    /// <exception cref="ArgumentException">The file is to be created and the password is too short.</exception>
    public static async Task<DataKey> OpenOrCreateAsync(
        IObjectStore store,
        string password,
        KeyFileOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(password);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        for (var attempt = 1; ; attempt++)
        {
            var existing = await ReadAsync(store, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                return Unlock(store, existing.Value.Bytes, password);
            }

            ValidateNewPassword(password, nameof(password));
            var key = DataKey.Generate();
            PutResult put;
            try
            {
                var file = KeyFileCodec.Write(key, password, options);
                put = await store.PutAsync(ObjectKey, file, PutCondition.CreateOnly, metadata: null, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch
            {
                key.Dispose();
                throw;
            }

            if (put.IsOk)
            {
                return key;
            }

            // PreconditionFailed: another process created the file first (or our own retried PUT
            // landed); the next read unlocks whatever is stored. Conflict: a concurrent create was
            // under way; try again.
            key.Dispose();
            if (attempt >= MaxCreateAttempts)
            {
                throw new KeyFileConflictException(
                    $"could not create {Location(store)}: the store reported {put.Status} {attempt} times; retry");
            }
        }
    }

    /// <summary>
    /// Opens the data key without ever writing (readers, tools).
    /// </summary>
    /// <param name="store">The store whose root holds <see cref="ObjectKey"/>.</param>
    /// <param name="password">The encryption password.</param>
    /// <param name="cancellationToken">Stops waiting for the store.</param>
    /// <returns>The data key; the caller owns and disposes it.</returns>
    /// <exception cref="KeyFileNotFoundException">The bucket is not initialised.</exception>
    /// <exception cref="WrongPasswordException">The password does not unlock the file.</exception>
    /// <exception cref="KeyFileCorruptException">The file is damaged or of an unknown version.</exception>
    public static async Task<DataKey> OpenAsync(IObjectStore store, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(password);
        var existing = await ReadAsync(store, cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(store);
        return Unlock(store, existing.Bytes, password);
    }

    /// <summary>
    /// Rewraps the data key under <paramref name="newPassword"/> with a new salt and nonce; the data
    /// key itself is unchanged, so no data is re-encrypted. The write is conditional on the file
    /// read, so a concurrent change is never silently lost.
    /// </summary>
    /// <param name="store">The store whose root holds <see cref="ObjectKey"/>.</param>
    /// <param name="oldPassword">The password now in force.</param>
    /// <param name="newPassword">The new password, at least <see cref="MinPasswordLength"/> characters.</param>
    /// <param name="options">Argon2id parameters for the rewritten file (a chance to raise them).</param>
    /// <param name="cancellationToken">Stops waiting for the store.</param>
    /// <exception cref="ArgumentException"><paramref name="newPassword"/> is empty or too short.</exception>
    /// <exception cref="KeyFileNotFoundException">The bucket is not initialised.</exception>
    /// <exception cref="WrongPasswordException"><paramref name="oldPassword"/> does not unlock the file; nothing was written.</exception>
    /// <exception cref="KeyFileConflictException">The file changed meanwhile; nothing was written; retry.</exception>
    public static async Task ChangePasswordAsync(
        IObjectStore store,
        string oldPassword,
        string newPassword,
        KeyFileOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(oldPassword);
        ValidateNewPassword(newPassword, nameof(newPassword));
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var existing = await ReadAsync(store, cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(store);
        byte[] file;
        using (var key = Unlock(store, existing.Bytes, oldPassword))
        {
            file = KeyFileCodec.Write(key, newPassword, options);
        }

        var put = await store.PutAsync(ObjectKey, file, PutCondition.IfMatch(existing.ETag), metadata: null, cancellationToken)
            .ConfigureAwait(false);
        if (!put.IsOk)
        {
            throw new KeyFileConflictException(
                $"{Location(store)} changed while its password was being changed (store said {put.Status}; another "
                + "password change?); nothing was written: retry with the password now in force");
        }
    }

    private static DataKey Unlock(IObjectStore store, byte[] file, string password)
    {
        var location = Location(store);
        var recorded = KeyFileCodec.ReadHeader(file, location);
        return KeyFileCodec.TryUnwrap(file, recorded, password, location)
            ?? throw new WrongPasswordException($"the encryption password does not unlock the key file at {location}");
    }

    private static async Task<(byte[] Bytes, string ETag)?> ReadAsync(IObjectStore store, CancellationToken cancellationToken)
    {
        using var result = await store.GetAsync(ObjectKey, range: null, cancellationToken).ConfigureAwait(false);
        return result is null ? null : (result.ToArray(), result.Meta.ETag);
    }

    private static void ValidateNewPassword(string password, string paramName)
    {
        ArgumentNullException.ThrowIfNull(password, paramName);
        // Counted in UTF-16 chars (string.Length), the same measure the host's messages use.
        var length = password.Length;
        if (length < MinPasswordLength)
        {
            throw new ArgumentException(
                $"the encryption password must be at least {MinPasswordLength} characters long (it has {length})", paramName);
        }
    }

    private static KeyFileNotFoundException NotFound(IObjectStore store) =>
        new($"the bucket is not initialised: there is no key file at {Location(store)}; a writer must run once first to create it");

    private static string Location(IObjectStore store) =>
        store.Description.EndsWith('/') ? store.Description + ObjectKey : $"{store.Description}/{ObjectKey}";
}
