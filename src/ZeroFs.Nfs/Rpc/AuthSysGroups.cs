using System.Runtime.CompilerServices;

namespace ZeroFs.Nfs.Rpc;

/// <summary>Inline storage for the up to 16 supplementary groups of AUTH_SYS credentials (no allocation per call).</summary>
[InlineArray(AuthSysCredentials.MaxGroups)]
public struct AuthSysGroups
{
    private uint _element0;
}
