namespace ZeroFs.ObjectStore;

/// <summary>
/// Thrown by <see cref="FaultInjectingObjectStore"/> at the planned crash step and on every call
/// after it: the simulated process is dead. Deliberately not an <see cref="ObjectStoreException"/>,
/// so no retry or error handling treats it as a store failure.
/// </summary>
public sealed class SimulatedCrashException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SimulatedCrashException()
        : this("simulated crash")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SimulatedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
