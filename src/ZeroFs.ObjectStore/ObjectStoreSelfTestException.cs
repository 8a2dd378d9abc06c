namespace ZeroFs.ObjectStore;

/// <summary>
/// <see cref="ConditionalWriteSelfTest"/> found that the store does not honour conditional writes,
/// so writer fencing would be unsafe on it.
/// </summary>
public sealed class ObjectStoreSelfTestException : ObjectStoreException
{
    /// <summary>Creates the exception.</summary>
    public ObjectStoreSelfTestException()
        : base("the object store does not honour conditional writes; fencing would be unsafe")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ObjectStoreSelfTestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ObjectStoreSelfTestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
