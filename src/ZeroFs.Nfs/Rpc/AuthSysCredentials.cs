using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Rpc;

/// <summary>
/// authsys_parms (RFC 5531 appendix A): stamp, machine name, uid, gid and up to 16 supplementary
/// groups, trusted as the client sends them.
/// </summary>
public struct AuthSysCredentials
{
    /// <summary>The most supplementary groups AUTH_SYS carries.</summary>
    public const int MaxGroups = 16;

    /// <summary>The longest machine name.</summary>
    public const int MaxMachineNameLength = 255;

    private AuthSysGroups _groups;

    /// <summary>An arbitrary id the client generates.</summary>
    public uint Stamp { get; set; }

    /// <summary>The client's host name (a slice of the decoded buffer).</summary>
    public ReadOnlyMemory<byte> MachineName { get; set; }

    /// <summary>The effective user id.</summary>
    public uint Uid { get; set; }

    /// <summary>The effective group id.</summary>
    public uint Gid { get; set; }

    /// <summary>How many supplementary groups follow.</summary>
    public int GroupCount { get; private set; }

    /// <summary>The supplementary groups.</summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public ReadOnlySpan<uint> Groups => ((ReadOnlySpan<uint>)_groups)[..GroupCount];

    /// <summary>Decodes the parameters from a credential body (a reader over memory); false when malformed (AUTH_BADCRED).</summary>
    public static bool TryRead(ref XdrReader reader, out AuthSysCredentials value)
    {
        value = default;
        if (!reader.TryReadUInt32(out var stamp) ||
            !reader.TryReadOpaqueMemory(MaxMachineNameLength, out var machine) ||
            !reader.TryReadUInt32(out var uid) ||
            !reader.TryReadUInt32(out var gid) ||
            !reader.TryReadUInt32(out var count) ||
            count > MaxGroups)
        {
            return false;
        }

        value.Stamp = stamp;
        value.MachineName = machine;
        value.Uid = uid;
        value.Gid = gid;
        for (var i = 0; i < (int)count; i++)
        {
            if (!reader.TryReadUInt32(out value._groups[i]))
            {
                return false;
            }
        }

        value.GroupCount = (int)count;
        return true;
    }

    /// <summary>Writes authsys_parms (clients and tests).</summary>
    public static void Write(ref XdrWriter writer, uint stamp, ReadOnlySpan<byte> machineName, uint uid, uint gid, ReadOnlySpan<uint> groups)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(groups.Length, MaxGroups);
        writer.WriteUInt32(stamp);
        writer.WriteOpaque(machineName);
        writer.WriteUInt32(uid);
        writer.WriteUInt32(gid);
        writer.WriteUInt32((uint)groups.Length);
        foreach (var group in groups)
        {
            writer.WriteUInt32(group);
        }
    }
}
