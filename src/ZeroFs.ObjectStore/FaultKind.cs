namespace ZeroFs.ObjectStore;

/// <summary>What a <see cref="FaultRule"/> does to the call it hits.</summary>
public enum FaultKind
{
    /// <summary>Throw a transient <see cref="ObjectStoreException"/> before the call reaches the store.</summary>
    Transient,

    /// <summary>Throw a permanent <see cref="ObjectStoreException"/> before the call reaches the store.</summary>
    Permanent,

    /// <summary>Let the call take effect, then throw a transient error (an ambiguous outcome).</summary>
    TransientAfterEffect,

    /// <summary>Return <see cref="PutStatus.Conflict"/> without writing (puts only; others get <see cref="Transient"/>).</summary>
    Conflict,
}
