namespace ZeroFs.Nfs.Nfs3;

/// <summary>set_atime / set_mtime of sattr3.</summary>
/// <param name="How">Whether and how to set the time.</param>
/// <param name="Time">The client's time for <see cref="TimeHow.ClientTime"/>.</param>
public readonly record struct SetTime(TimeHow How, NfsTime Time);
