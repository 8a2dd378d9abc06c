using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Tests;

/// <summary>Lists a store's objects for assertions.</summary>
internal static class StoreListing
{
    public static async Task<List<ObjectMeta>> ListAllAsync(this IObjectStore store, string prefix = "")
    {
        var result = new List<ObjectMeta>();
        await foreach (var meta in store.ListAsync(prefix))
        {
            result.Add(meta);
        }

        return result;
    }
}
