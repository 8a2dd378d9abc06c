namespace ZeroFs.ObjectStore;

/// <summary>Names of the object metadata entries that ZeroFs itself writes.</summary>
public static class MetadataKeys
{
    /// <summary>
    /// The random id the retry decorator attaches to every conditional put, so an ambiguous
    /// attempt (ENGINE.md §2) can be recognised as ours by a later HEAD.
    /// </summary>
    public const string PutId = "zf-put-id";
}
