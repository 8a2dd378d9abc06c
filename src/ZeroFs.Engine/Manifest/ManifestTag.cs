namespace ZeroFs.Engine.Manifest;

/// <summary>
/// Record tags of the manifest TLV payload (docs/formats/manifest.md). Values are stored, so they
/// never change; decoders skip unknown tags so fields can be added without a version bump.
/// </summary>
internal enum ManifestTag : uint
{
    WriterEpoch = 1,
    CompactorEpoch = 2,
    CreatedUnixMs = 3,
    CreatorRole = 4,
    WalStore = 5,
    WalReplayAfter = 6,
    WalNextHint = 7,
    LastL0Seq = 8,
    LastL0Tick = 9,
    RetainSeqFloor = 10,
    L0Table = 11,
    Run = 12,
    LastCompactedL0 = 13,
    Checkpoint = 14,
    CompactorHeartbeatUnixMs = 15,
    CompactorStandalone = 16,
}
