using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Sst;

/// <summary>A finished table: its location and statistics, and the outcome of its (create-only) upload.</summary>
/// <param name="Info">Location and statistics.</param>
/// <param name="Put">The upload's outcome; a table counts only when it is Ok.</param>
internal readonly record struct SstBuildResult(SstInfo Info, PutResult Put);
