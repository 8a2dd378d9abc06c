namespace ZeroFs.Nfs.Nfs3;

/// <summary>time_how (RFC 1813 §2.6, sattr3).</summary>
public enum TimeHow : uint
{
    /// <summary>DONT_CHANGE.</summary>
    DontChange = 0,

    /// <summary>SET_TO_SERVER_TIME.</summary>
    ServerTime = 1,

    /// <summary>SET_TO_CLIENT_TIME.</summary>
    ClientTime = 2,
}
