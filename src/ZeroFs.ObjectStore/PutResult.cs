namespace ZeroFs.ObjectStore;

/// <summary>The outcome of a <see cref="IObjectStore.PutAsync"/>.</summary>
/// <param name="Status">Whether the write took effect.</param>
/// <param name="ETag">The new object's etag when <paramref name="Status"/> is <see cref="PutStatus.Ok"/>.</param>
public readonly record struct PutResult(PutStatus Status, string? ETag)
{
    /// <summary>True when the object was written.</summary>
    public bool IsOk => Status == PutStatus.Ok;

    /// <summary>A successful write that produced <paramref name="etag"/>.</summary>
    public static PutResult Ok(string etag) => new(PutStatus.Ok, etag);

    /// <summary>The condition did not hold; nothing was written.</summary>
    public static PutResult PreconditionFailed => new(PutStatus.PreconditionFailed, null);

    /// <summary>A concurrent conditional write was in progress (S3 409); nothing was written, retry.</summary>
    public static PutResult Conflict => new(PutStatus.Conflict, null);
}

/// <summary>Outcome kinds of a put.</summary>
public enum PutStatus
{
    /// <summary>Written.</summary>
    Ok,

    /// <summary>The <see cref="PutCondition"/> did not hold (HTTP 412).</summary>
    PreconditionFailed,

    /// <summary>A conflicting conditional write was under way (HTTP 409); try again.</summary>
    Conflict,
}
