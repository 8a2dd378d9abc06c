namespace ZeroFs.FileSystem;

/// <summary>The caller's identity as the protocol carries it (AUTH_SYS, 9P n_uname, FUSE context).</summary>
/// <param name="Uid">The effective user id; 0 is root.</param>
/// <param name="Gid">The effective (primary) group id.</param>
/// <param name="Groups">Supplementary groups, or null for none.</param>
public readonly record struct Credentials(uint Uid, uint Gid, IReadOnlyList<uint>? Groups = null)
{
    /// <summary>The superuser.</summary>
    public static Credentials Root => new(0, 0);

    /// <summary>True for uid 0, which bypasses most permission checks.</summary>
    public bool IsRoot => Uid == 0;

    /// <summary>True when <paramref name="gid"/> is the primary group or a supplementary group.</summary>
    public bool IsMember(uint gid)
    {
        if (gid == Gid)
        {
            return true;
        }

        if (Groups is { } groups)
        {
            for (var i = 0; i < groups.Count; i++)
            {
                if (groups[i] == gid)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
