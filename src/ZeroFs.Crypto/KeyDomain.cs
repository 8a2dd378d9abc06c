namespace ZeroFs.Crypto;

/// <summary>Independent subkeys per use, derived from the data key with HKDF.</summary>
public enum KeyDomain
{
    /// <summary>SST data, index, filter and properties blocks.</summary>
    Sst = 1,

    /// <summary>WAL segments.</summary>
    Wal = 2,

    /// <summary>Manifests and other engine metadata objects.</summary>
    Manifest = 3,
}
