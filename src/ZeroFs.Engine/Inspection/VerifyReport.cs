namespace ZeroFs.Engine.Inspection;

/// <summary>What <see cref="StoreInspector.VerifyAsync"/> read and what it found wrong.</summary>
public sealed class VerifyReport
{
    private readonly List<(string Key, string Problem)> _problems = [];

    /// <summary>Manifest versions unsealed and decoded.</summary>
    public int Manifests { get; internal set; }

    /// <summary>Non-empty WAL segments unsealed and decoded.</summary>
    public int WalSegments { get; internal set; }

    /// <summary>Zero-byte WAL objects (fences).</summary>
    public int WalFences { get; internal set; }

    /// <summary>Write batches inside those segments.</summary>
    public int WalBatches { get; internal set; }

    /// <summary>SST objects whose metadata and every data block unsealed.</summary>
    public int Tables { get; internal set; }

    /// <summary>Data blocks unsealed.</summary>
    public long DataBlocks { get; internal set; }

    /// <summary>Stored bytes of everything verified.</summary>
    public long Bytes { get; internal set; }

    /// <summary>Objects that failed, with the reason.</summary>
    public IReadOnlyList<(string Key, string Problem)> Problems => _problems;

    /// <summary>True when nothing failed.</summary>
    public bool IsClean => _problems.Count == 0;

    internal void AddProblem(string key, string problem) => _problems.Add((key, problem));
}
