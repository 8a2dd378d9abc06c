using ZeroFs.Engine.Manifest;

namespace ZeroFs.Engine.Inspection;

/// <summary>One table of the tree as <c>zerofs debug tables</c> shows it.</summary>
/// <param name="Level">"L0" or "run N".</param>
/// <param name="Table">The manifest's reference to the table.</param>
public sealed record TableListing(string Level, TableRef Table);
