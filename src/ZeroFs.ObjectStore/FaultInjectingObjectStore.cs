using System.Runtime.CompilerServices;

namespace ZeroFs.ObjectStore;

/// <summary>
/// Wraps a store and injects the faults of a <see cref="FaultPlan"/>: latency, random or scripted
/// transient/permanent errors, ambiguous writes (applied, then reported failed), and a crash at a
/// numbered step after which every call fails. <see cref="Steps"/> logs every call so a test can
/// run once, count the steps, and then crash at each of them in turn.
/// </summary>
public sealed partial class FaultInjectingObjectStore : IObjectStore
{
    private readonly IObjectStore _inner;
    private readonly FaultPlan _plan;
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;
    private readonly Lock _lock = new();
    private readonly List<FaultStep> _steps = [];
    private readonly int[] _ruleMatches;
    private bool _crashed;

    /// <summary>Wraps <paramref name="inner"/> with <paramref name="plan"/>.</summary>
    public FaultInjectingObjectStore(IObjectStore inner, FaultPlan plan)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(plan);
        _inner = inner;
        _plan = plan;
        _timeProvider = plan.TimeProvider ?? TimeProvider.System;
        _random = new Random(plan.Seed);
        _ruleMatches = new int[plan.Rules.Count];
    }

    /// <inheritdoc/>
    public string Description => _inner.Description;

    /// <summary>Every call so far, in order (a snapshot).</summary>
    public IReadOnlyList<FaultStep> Steps
    {
        get
        {
            lock (_lock)
            {
                return [.. _steps];
            }
        }
    }

    /// <summary>True once the planned crash step has been reached.</summary>
    public bool HasCrashed
    {
        get
        {
            lock (_lock)
            {
                return _crashed;
            }
        }
    }

    /// <inheritdoc/>
    public async Task<GetResult?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        var fault = await BeginAsync(ObjectStoreOperation.Get, key, cancellationToken).ConfigureAwait(false);
        var result = await _inner.GetAsync(key, range, cancellationToken).ConfigureAwait(false);
        if (fault != Fault.None)
        {
            result?.Dispose();
            ThrowAfterEffect(fault, ObjectStoreOperation.Get, key);
        }

        return result;
    }

    /// <inheritdoc/>
    public async Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        var fault = await BeginAsync(ObjectStoreOperation.Head, key, cancellationToken).ConfigureAwait(false);
        var result = await _inner.HeadAsync(key, cancellationToken).ConfigureAwait(false);
        ThrowAfterEffect(fault, ObjectStoreOperation.Head, key);
        return result;
    }

    /// <inheritdoc/>
    public async Task<PutResult> PutAsync(
        string key,
        ReadOnlyMemory<byte> body,
        PutCondition condition,
        IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        var fault = await BeginAsync(ObjectStoreOperation.Put, key, cancellationToken).ConfigureAwait(false);
        if (fault == Fault.Conflict)
        {
            return PutResult.Conflict;
        }

        var result = await _inner.PutAsync(key, body, condition, metadata, cancellationToken).ConfigureAwait(false);
        ThrowAfterEffect(fault, ObjectStoreOperation.Put, key);
        return result;
    }

    /// <inheritdoc/>
    public IObjectUpload StartUpload(string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null) =>
        new FaultyUpload(this, _inner.StartUpload(key, condition, metadata));

    /// <inheritdoc/>
    public async IAsyncEnumerable<ObjectMeta> ListAsync(
        string prefix,
        string? startAfter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var fault = await BeginAsync(ObjectStoreOperation.List, prefix, cancellationToken).ConfigureAwait(false);
        ThrowAfterEffect(fault, ObjectStoreOperation.List, prefix);
        await foreach (var item in _inner.ListAsync(prefix, startAfter, cancellationToken).ConfigureAwait(false))
        {
            ThrowIfCrashed();
            yield return item;
        }
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var fault = await BeginAsync(ObjectStoreOperation.Delete, key, cancellationToken).ConfigureAwait(false);
        await _inner.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        ThrowAfterEffect(fault, ObjectStoreOperation.Delete, key);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    // Logs the step, applies latency, and throws the faults that happen before the call; returns
    // the fault (if any) to apply after the call has taken effect.
    private async Task<Fault> BeginAsync(ObjectStoreOperation operation, string key, CancellationToken cancellationToken)
    {
        Fault fault;
        lock (_lock)
        {
            if (_crashed)
            {
                throw new SimulatedCrashException($"simulated crash: the process died before {operation} '{key}'");
            }

            var step = _steps.Count + 1;
            _steps.Add(new FaultStep(step, operation, key));
            if (_plan.CrashAtStep == step)
            {
                _crashed = true;
                if (!_plan.CrashAfterEffect)
                {
                    throw new SimulatedCrashException($"simulated crash at step {step} ({operation} '{key}')");
                }

                fault = Fault.CrashAfterEffect;
            }
            else
            {
                fault = Choose(operation, key);
            }
        }

        if (_plan.Latency > TimeSpan.Zero)
        {
            await Task.Delay(_plan.Latency, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        switch (fault)
        {
            case Fault.Transient:
                throw new ObjectStoreException($"injected transient fault on {operation} '{key}'", isTransient: true);
            case Fault.Permanent:
                throw new ObjectStoreException($"injected permanent fault on {operation} '{key}'", isTransient: false);
            case Fault.Conflict when operation != ObjectStoreOperation.Put:
                throw new ObjectStoreException($"injected transient fault on {operation} '{key}'", isTransient: true);
            default:
                return fault;
        }
    }

    private Fault Choose(ObjectStoreOperation operation, string key)
    {
        for (var i = 0; i < _plan.Rules.Count; i++)
        {
            var rule = _plan.Rules[i];
            if ((rule.Operation is { } op && op != operation)
                || (rule.KeyPrefix is not null && !key.StartsWith(rule.KeyPrefix, StringComparison.Ordinal)))
            {
                continue;
            }

            var match = ++_ruleMatches[i];
            if (match >= rule.OnCall && match < rule.OnCall + rule.Times)
            {
                return rule.Kind switch
                {
                    FaultKind.Transient => Fault.Transient,
                    FaultKind.Permanent => Fault.Permanent,
                    FaultKind.TransientAfterEffect => Fault.TransientAfterEffect,
                    _ => Fault.Conflict,
                };
            }
        }

        // Always draw both numbers so one probability does not shift the other's sequence.
        var transient = _random.NextDouble() < _plan.TransientErrorProbability;
        var permanent = _random.NextDouble() < _plan.PermanentErrorProbability;
        return permanent ? Fault.Permanent : transient ? Fault.Transient : Fault.None;
    }

    private static void ThrowAfterEffect(Fault fault, ObjectStoreOperation operation, string key)
    {
        switch (fault)
        {
            case Fault.TransientAfterEffect:
                throw new ObjectStoreException($"injected transient fault after {operation} '{key}' took effect", isTransient: true);
            case Fault.CrashAfterEffect:
                throw new SimulatedCrashException($"simulated crash after {operation} '{key}' took effect");
        }
    }

    private void ThrowIfCrashed()
    {
        lock (_lock)
        {
            if (_crashed)
            {
                throw new SimulatedCrashException("simulated crash during a list");
            }
        }
    }

    private enum Fault
    {
        None,
        Transient,
        Permanent,
        TransientAfterEffect,
        Conflict,
        CrashAfterEffect,
    }
}
