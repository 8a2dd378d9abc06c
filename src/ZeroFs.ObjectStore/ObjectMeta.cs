namespace ZeroFs.ObjectStore;

/// <summary>What a store knows of one object.</summary>
/// <param name="Key">The key, relative to the store root.</param>
/// <param name="Size">Whole object size in bytes.</param>
/// <param name="ETag">Opaque version tag, usable with <see cref="PutCondition.IfMatch"/>.</param>
/// <param name="LastModified">When the object was written (store clock).</param>
/// <param name="Metadata">User metadata given at put time (HEAD and GET only; empty from LIST).</param>
public sealed record ObjectMeta(
    string Key,
    long Size,
    string ETag,
    DateTimeOffset LastModified,
    IReadOnlyDictionary<string, string>? Metadata = null);
