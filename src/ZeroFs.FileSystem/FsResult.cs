namespace ZeroFs.FileSystem;

/// <summary>A value or the <see cref="FsStatus"/> explaining why there is none.</summary>
/// <typeparam name="T">The value type.</typeparam>
public readonly struct FsResult<T>
{
    private readonly T? _value;

    /// <summary>Creates a successful result.</summary>
    public FsResult(T value)
    {
        _value = value;
        Status = FsStatus.Ok;
    }

    private FsResult(FsStatus status)
    {
        _value = default;
        Status = status;
    }

    /// <summary>The outcome.</summary>
    public FsStatus Status { get; }

    /// <summary>True when <see cref="Status"/> is <see cref="FsStatus.Ok"/>.</summary>
    public bool IsOk => Status == FsStatus.Ok;

    /// <summary>The value; throws when the result is a failure (a caller bug).</summary>
    public T Value => Status == FsStatus.Ok ? _value! : throw new InvalidOperationException($"The operation failed with {Status}.");

    /// <summary>A successful result.</summary>
    public static implicit operator FsResult<T>(T value) => new(value);

    /// <summary>A failed result; <paramref name="status"/> must not be Ok.</summary>
    public static implicit operator FsResult<T>(FsStatus status) =>
        status == FsStatus.Ok ? throw new ArgumentException("A failure needs a status other than Ok.", nameof(status)) : new FsResult<T>(status);

    /// <inheritdoc />
    public override string ToString() => IsOk ? $"Ok({_value})" : Status.ToString();
}
