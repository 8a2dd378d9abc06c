using System.Security.Cryptography;
using System.Text;

namespace ZeroFs.ObjectStore;

/// <summary>
/// The startup check of ENGINE.md §2: before a writer opens, prove the store honours create-only
/// (If-None-Match: *) and if-match puts, because writer fencing depends on both.
/// </summary>
public static class ConditionalWriteSelfTest
{
    /// <summary>The key prefix the probe objects are written under.</summary>
    public const string ProbePrefix = "selftest/";

    /// <summary>
    /// Writes and removes a probe object under <see cref="ProbePrefix"/>. Throws
    /// <see cref="ObjectStoreSelfTestException"/> when a condition is not honoured; store errors
    /// propagate as they are.
    /// </summary>
    public static async Task RunAsync(IObjectStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var key = ProbePrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var first = Encoding.UTF8.GetBytes("zerofs self-test: first");
        // Nothing to clean up when the first put fails: its error is the one to report.
        var created = await store.PutAsync(key, first, PutCondition.CreateOnly, null, cancellationToken).ConfigureAwait(false);
        if (!created.IsOk)
        {
            Fail(store, key, $"a create-only put of a new key returned {created.Status}");
        }

        var completed = false;
        try
        {
            await ProbeConditionsAsync(store, key, created.ETag!, cancellationToken).ConfigureAwait(false);
            completed = true;
        }
        finally
        {
            try
            {
                await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectStoreException) when (!completed)
            {
                // The probe's own failure is the one worth reporting; a leftover probe object is harmless.
            }
        }
    }

    private static async Task ProbeConditionsAsync(IObjectStore store, string key, string etag, CancellationToken cancellationToken)
    {
        var again = await store.PutAsync(key, "zerofs self-test: second"u8.ToArray(), PutCondition.CreateOnly, null, cancellationToken)
            .ConfigureAwait(false);
        if (again.Status != PutStatus.PreconditionFailed)
        {
            Fail(store, key, $"a second create-only put of the same key returned {again.Status} instead of PreconditionFailed");
        }

        var wrong = await store.PutAsync(key, "zerofs self-test: wrong"u8.ToArray(), PutCondition.IfMatch("zerofs-selftest-wrong-etag"), null, cancellationToken)
            .ConfigureAwait(false);
        if (wrong.Status != PutStatus.PreconditionFailed)
        {
            Fail(store, key, $"an if-match put with a wrong etag returned {wrong.Status} instead of PreconditionFailed");
        }

        var right = await store.PutAsync(key, "zerofs self-test: replaced"u8.ToArray(), PutCondition.IfMatch(etag), null, cancellationToken)
            .ConfigureAwait(false);
        if (!right.IsOk)
        {
            Fail(store, key, $"an if-match put with the current etag returned {right.Status} instead of Ok");
        }
    }

    private static void Fail(IObjectStore store, string key, string what) =>
        throw new ObjectStoreSelfTestException(
            $"The object store {store.Description} does not honour conditional writes ({what}, probe key '{key}'). " +
            "Writer fencing would be unsafe on it: use a store with conditional PUT support (If-None-Match / If-Match).");
}
