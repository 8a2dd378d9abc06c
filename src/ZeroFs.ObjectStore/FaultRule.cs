namespace ZeroFs.ObjectStore;

/// <summary>
/// A scripted fault: hits the <see cref="OnCall"/>-th call (1-based) that matches
/// <see cref="Operation"/> and <see cref="KeyPrefix"/>, and the next <see cref="Times"/> − 1 matching calls.
/// </summary>
/// <param name="Kind">What happens to the call.</param>
/// <param name="Operation">Only calls of this operation match; null matches all.</param>
/// <param name="KeyPrefix">Only keys (list prefixes) starting with this match; null matches all.</param>
/// <param name="OnCall">The first matching call that faults (1-based).</param>
/// <param name="Times">How many consecutive matching calls fault.</param>
public sealed record FaultRule(
    FaultKind Kind,
    ObjectStoreOperation? Operation = null,
    string? KeyPrefix = null,
    int OnCall = 1,
    int Times = 1);
