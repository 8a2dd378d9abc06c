namespace ZeroFs.ObjectStore;

/// <summary>When a <see cref="IObjectStore.PutAsync"/> may take effect.</summary>
public readonly record struct PutCondition
{
    private PutCondition(PutConditionKind kind, string? etag)
    {
        Kind = kind;
        ETag = etag;
    }

    /// <summary>What is checked.</summary>
    public PutConditionKind Kind { get; }

    /// <summary>The etag that must match, for <see cref="PutConditionKind.IfMatch"/>.</summary>
    public string? ETag { get; }

    /// <summary>Always write, replacing what is there.</summary>
    public static PutCondition Overwrite => new(PutConditionKind.Overwrite, null);

    /// <summary>Write only when the key does not exist (S3 <c>If-None-Match: *</c>).</summary>
    public static PutCondition CreateOnly => new(PutConditionKind.CreateOnly, null);

    /// <summary>Write only when the object's current etag is <paramref name="etag"/> (S3 <c>If-Match</c>).</summary>
    public static PutCondition IfMatch(string etag)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        return new PutCondition(PutConditionKind.IfMatch, etag);
    }

    /// <inheritdoc/>
    public override string ToString() => Kind == PutConditionKind.IfMatch ? $"IfMatch({ETag})" : Kind.ToString();
}

/// <summary>The kinds of <see cref="PutCondition"/>.</summary>
public enum PutConditionKind
{
    /// <summary>Unconditional write.</summary>
    Overwrite,

    /// <summary>Create-only (If-None-Match: *).</summary>
    CreateOnly,

    /// <summary>Replace-if-etag (If-Match).</summary>
    IfMatch,
}
