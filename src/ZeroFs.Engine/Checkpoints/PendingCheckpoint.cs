using ZeroFs.Engine.Manifest;

namespace ZeroFs.Engine.Checkpoints;

/// <summary>
/// An <see cref="CheckpointScope.All"/> checkpoint waiting for the first L0 publish whose table
/// holds <see cref="TargetSeq"/> (every write acknowledged before the call).
/// </summary>
internal sealed class PendingCheckpoint(Checkpoint template, ulong targetSeq)
{
    /// <summary>The checkpoint to attach (its manifest id is set when attached).</summary>
    internal Checkpoint Template { get; } = template;

    /// <summary>The newest seq the checkpoint must contain.</summary>
    internal ulong TargetSeq { get; } = targetSeq;

    /// <summary>
    /// Completed with the manifest that carries the checkpoint, or with null when the seq was
    /// published without it (a race with a publish already in flight): the caller then pins the
    /// latest manifest directly, which holds the seq in L0.
    /// </summary>
    internal TaskCompletionSource<StoredManifest?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
