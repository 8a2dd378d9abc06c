namespace ZeroFs.ObjectStore;

/// <summary>One call seen by <see cref="FaultInjectingObjectStore"/>.</summary>
/// <param name="Step">1-based position among all calls.</param>
/// <param name="Operation">The operation.</param>
/// <param name="Key">The key (the prefix for a list).</param>
public readonly record struct FaultStep(int Step, ObjectStoreOperation Operation, string Key)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Step}: {Operation} {Key}";
}
