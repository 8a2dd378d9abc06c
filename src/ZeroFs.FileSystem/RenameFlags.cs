namespace ZeroFs.FileSystem;

/// <summary>Flags of renameat2(2).</summary>
[Flags]
public enum RenameFlags : byte
{
    /// <summary>Replace the target if it exists (POSIX rename).</summary>
    None = 0,

    /// <summary>Fail with <see cref="FsStatus.Exists"/> if the target exists (RENAME_NOREPLACE).</summary>
    NoReplace = 1,

    /// <summary>Atomically swap source and target, which must both exist (RENAME_EXCHANGE).</summary>
    Exchange = 2,
}
