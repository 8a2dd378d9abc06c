namespace ZeroFs.ObjectStore;

/// <summary>
/// A store operation failed. <see cref="IsTransient"/> tells the retry decorator (and the user)
/// whether trying again can help: throttling, 5xx, timeouts and dropped connections are
/// transient; access denied, missing bucket and bad requests are not.
/// </summary>
public class ObjectStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ObjectStoreException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>Creates a non-transient exception.</summary>
    public ObjectStoreException()
        : this("object store operation failed", isTransient: false)
    {
    }

    /// <summary>Creates a non-transient exception.</summary>
    public ObjectStoreException(string message)
        : this(message, isTransient: false)
    {
    }

    /// <summary>Creates a non-transient exception.</summary>
    public ObjectStoreException(string message, Exception innerException)
        : this(message, isTransient: false, innerException)
    {
    }

    /// <summary>True when a retry may succeed.</summary>
    public bool IsTransient { get; }
}
