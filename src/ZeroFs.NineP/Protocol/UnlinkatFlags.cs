namespace ZeroFs.NineP.Protocol;

/// <summary>Tunlinkat flags.</summary>
[Flags]
public enum UnlinkatFlags : uint
{
    /// <summary>Remove a non-directory.</summary>
    None = 0,

    /// <summary>AT_REMOVEDIR (0x200, P9_DOTL_AT_REMOVEDIR): remove an empty directory.</summary>
    RemoveDirectory = 0x200,
}
