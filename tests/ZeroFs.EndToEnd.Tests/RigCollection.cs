namespace ZeroFs.EndToEnd.Tests;

/// <summary>
/// Guests run one at a time: each is a whole emulated machine (TCG on these hosts), and the host has
/// two cores shared with everything else.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RigCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Rig";
}
