namespace ZeroFs.Nfs.Nfs3;

/// <summary>wcc_data (RFC 1813 §2.6): weak cache consistency data of a mutating reply.</summary>
/// <param name="Before">pre_op_attr, or null.</param>
/// <param name="After">post_op_attr, or null.</param>
public readonly record struct WccData(WccAttributes? Before, Nfs3Attributes? After);
