namespace ZeroFs.Nbd.Protocol;

/// <summary>Information types of NBD_REP_INFO (requested by NBD_OPT_INFO and NBD_OPT_GO).</summary>
public enum InfoType : ushort
{
    /// <summary>NBD_INFO_EXPORT: size and transmission flags (mandatory).</summary>
    Export = 0,

    /// <summary>NBD_INFO_NAME: the canonical export name.</summary>
    Name = 1,

    /// <summary>NBD_INFO_DESCRIPTION: a human-readable description.</summary>
    Description = 2,

    /// <summary>NBD_INFO_BLOCK_SIZE: minimum, preferred and maximum payload sizes.</summary>
    BlockSize = 3,
}
