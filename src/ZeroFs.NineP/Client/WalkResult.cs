using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Client;

/// <summary>The outcome of a Twalk.</summary>
/// <param name="Fid">The new fid, or <see cref="NinePConstants.NoFid"/> after a partial walk (the server creates no fid then).</param>
/// <param name="Qids">One qid per element walked; fewer than the names asked for means a partial walk.</param>
public sealed record WalkResult(uint Fid, IReadOnlyList<Qid> Qids)
{
    /// <summary>Gets a value indicating whether every name was walked and <see cref="Fid"/> exists.</summary>
    public bool IsComplete => Fid != NinePConstants.NoFid;
}
