// The signatures mirror Db's write API on purpose (one surface for the filesystem); the arguments are unused.
#pragma warning disable IDE0060
using ZeroFs.Engine.Checkpoints;

namespace ZeroFs.Engine.Readers;

/// <summary>
/// The write half of the database API, rejected: a reader never writes data (mutating filesystem
/// calls map <see cref="ReadOnlyException"/> to EROFS).
/// </summary>
public sealed partial class DbReader
{
    /// <summary>Always fails with <see cref="ReadOnlyException"/>.</summary>
    public ValueTask<long> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return ValueTask.FromException<long>(ReadOnly(nameof(WriteAsync)));
    }

    /// <summary>Always fails with <see cref="ReadOnlyException"/>.</summary>
    public ValueTask<long> PutAsync(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, CancellationToken cancellationToken = default) =>
        ValueTask.FromException<long>(ReadOnly(nameof(PutAsync)));

    /// <summary>Always fails with <see cref="ReadOnlyException"/>.</summary>
    public ValueTask<long> DeleteAsync(ReadOnlySpan<byte> key, CancellationToken cancellationToken = default) =>
        ValueTask.FromException<long>(ReadOnly(nameof(DeleteAsync)));

    /// <summary>Always fails with <see cref="ReadOnlyException"/>.</summary>
    public Task WaitDurableAsync(long seq, CancellationToken cancellationToken = default) =>
        Task.FromException(ReadOnly(nameof(WaitDurableAsync)));

    /// <summary>Always fails with <see cref="ReadOnlyException"/> (a reader has nothing to flush).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) =>
        Task.FromException(ReadOnly(nameof(FlushAsync)));

    /// <summary>Always fails with <see cref="ReadOnlyException"/>: checkpoints are created on the writer.</summary>
    public Task<CheckpointInfo> CreateCheckpointAsync(
        string? name = null, TimeSpan? lifetime = null, CheckpointScope scope = CheckpointScope.All, CancellationToken cancellationToken = default) =>
        Task.FromException<CheckpointInfo>(ReadOnly(nameof(CreateCheckpointAsync)));

    /// <summary>Always fails with <see cref="ReadOnlyException"/>: checkpoints are maintained on the writer.</summary>
    public Task<CheckpointInfo> RefreshCheckpointAsync(Guid id, TimeSpan? lifetime, CancellationToken cancellationToken = default) =>
        Task.FromException<CheckpointInfo>(ReadOnly(nameof(RefreshCheckpointAsync)));

    /// <summary>Always fails with <see cref="ReadOnlyException"/>: checkpoints are maintained on the writer.</summary>
    public Task<bool> DeleteCheckpointAsync(Guid id, CancellationToken cancellationToken = default) =>
        Task.FromException<bool>(ReadOnly(nameof(DeleteCheckpointAsync)));

    private ReadOnlyException ReadOnly(string operation) =>
        new($"{operation} rejected: the database is open read-only ({(_options.Mode == ReaderMode.Pinned ? "pinned to a checkpoint" : "following the writer")}).");
}
