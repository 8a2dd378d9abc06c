namespace ZeroFs.FileSystem;

/// <summary>Access bits to check, as in access(2).</summary>
[Flags]
public enum AccessMask : byte
{
    /// <summary>Existence only (F_OK).</summary>
    None = 0,

    /// <summary>Execute or search (X_OK).</summary>
    Execute = 1,

    /// <summary>Write (W_OK).</summary>
    Write = 2,

    /// <summary>Read (R_OK).</summary>
    Read = 4,
}
