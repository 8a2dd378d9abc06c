using Microsoft.Extensions.Logging;
using ZeroFs.Crypto;
using ZeroFs.Crypto.Keys;
using ZeroFs.Hosting.Configuration;
using ZeroFs.Hosting.Logging;
using ZeroFs.Hosting.Storage;
using ZeroFs.ObjectStore;

namespace ZeroFs.Hosting;

/// <summary>Key-file administration that needs no running instance (<c>zerofs change-password</c>).</summary>
public static class KeyAdministration
{
    /// <summary>
    /// Rewraps the data key under <paramref name="newPassword"/>; the current password is the
    /// config's <c>storage.encryption_password</c>. Data is not rewritten, and the config file is not changed.
    /// </summary>
    /// <exception cref="ZeroFsHostException">The new password is not acceptable (<see cref="ZeroFsHostException.IsUsageError"/>),
    /// the current one is wrong, the store is not initialised or fails.</exception>
    public static async Task ChangePasswordAsync(
        ZeroFsOptions options,
        string newPassword,
        ILoggerFactory loggerFactory,
        TimeProvider? timeProvider = null,
        KeyFileOptions? keyFileOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(newPassword);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger(typeof(KeyAdministration));
        var config = options.SourcePath ?? EmbeddedConfig.DisplayName;

        if (newPassword.Length < KeyFile.MinPasswordLength)
        {
            throw new ZeroFsHostException(
                $"the new password is too short ({newPassword.Length} characters); use at least {KeyFile.MinPasswordLength}",
                isUsageError: true);
        }

        if (string.Equals(newPassword, options.Storage.EncryptionPassword, StringComparison.Ordinal))
        {
            throw new ZeroFsHostException(
                $"the new password is the same as the encryption password in {config}; give a different one", isUsageError: true);
        }

        IObjectStore store;
        try
        {
            store = ObjectStoreFactory.Create(options.Storage.Url, options.Aws, "main", timeProvider ?? TimeProvider.System);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new ZeroFsHostException($"{config}: store url \"{options.Storage.Url}\": {ex.Message}", isUsageError: true, ex);
        }

        await using (store.ConfigureAwait(false))
        {
            try
            {
                await KeyFile.ChangePasswordAsync(
                    store, options.Storage.EncryptionPassword, newPassword, keyFileOptions ?? KeyFileOptions.Default, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (ArgumentException ex)
            {
                throw new ZeroFsHostException($"the new password is not acceptable: {ex.Message}", isUsageError: true, ex);
            }
            catch (WrongPasswordException ex)
            {
                throw new ZeroFsHostException(
                    $"wrong password: the encryption password in {config} does not unlock {KeyFile.ObjectKey} in {store.Description}; "
                    + "put the current password there (nothing was written)",
                    isUsageError: false,
                    ex);
            }
            catch (KeyFileNotFoundException ex)
            {
                throw new ZeroFsHostException(
                    $"{store.Description} is not initialised (no {KeyFile.ObjectKey}); nothing to change. Start `zerofs run` once to create it",
                    isUsageError: false,
                    ex);
            }
            catch (KeyFileConflictException ex)
            {
                throw new ZeroFsHostException(
                    $"{KeyFile.ObjectKey} changed while the password was being changed (another change?); nothing was written; retry",
                    isUsageError: false,
                    ex);
            }
            catch (ObjectStoreException ex)
            {
                throw new ZeroFsHostException($"the store {store.Description} failed: {ex.Message}", isUsageError: false, ex);
            }
            catch (CryptoException ex)
            {
                throw new ZeroFsHostException($"cannot change the password of {KeyFile.ObjectKey}: {ex.Message}", isUsageError: false, ex);
            }

            HostingLog.PasswordChanged(logger, store.Description);
        }
    }
}
