namespace ZeroFs.ObjectStore;

/// <summary>
/// What <see cref="FaultInjectingObjectStore"/> does: latency, random and scripted errors, and a
/// simulated crash at a numbered step. The same plan and seed give the same faults for the same
/// sequence of calls.
/// </summary>
public sealed record FaultPlan
{
    /// <summary>Seed of the random source behind the probabilities.</summary>
    public int Seed { get; init; }

    /// <summary>Added before every call (through <see cref="TimeProvider"/>).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Clock for <see cref="Latency"/>; the system clock when null.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Chance (0–1) that a call throws a transient error before reaching the store.</summary>
    public double TransientErrorProbability { get; init; }

    /// <summary>Chance (0–1) that a call throws a permanent error before reaching the store.</summary>
    public double PermanentErrorProbability { get; init; }

    /// <summary>Scripted faults, checked in order; the first that hits wins.</summary>
    public IReadOnlyList<FaultRule> Rules { get; init; } = [];

    /// <summary>
    /// The 1-based step (counting every call) at which the process "dies": that call throws
    /// <see cref="SimulatedCrashException"/>, as does every later call. Null: never.
    /// </summary>
    public int? CrashAtStep { get; init; }

    /// <summary>When true, the crashing call takes effect before the crash (the caller never learns it).</summary>
    public bool CrashAfterEffect { get; init; }

    /// <summary>A plan that injects nothing (steps are still logged).</summary>
    public static FaultPlan None => new();
}
