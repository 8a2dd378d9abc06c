using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Mount;

/// <summary>mountlist (RFC 1813 appendix I): DUMP's result.</summary>
/// <param name="Mounts">The recorded mounts.</param>
public readonly record struct MountListReply(IReadOnlyList<MountEntry> Mounts) : IXdrMessage<MountListReply>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out MountListReply value)
    {
        value = default;
        var mounts = new List<MountEntry>();
        while (true)
        {
            if (!reader.TryReadBool(out var more))
            {
                return false;
            }

            if (!more)
            {
                value = new MountListReply(mounts);
                return true;
            }

            if (!reader.TryReadOpaqueMemory(MountArgs.MaxNameLength, out var host) || !reader.TryReadOpaqueMemory(MountArgs.MaxPathLength, out var directory))
            {
                return false;
            }

            mounts.Add(new MountEntry(host, directory));
        }
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        foreach (var mount in Mounts)
        {
            writer.WriteBool(true);
            writer.WriteOpaque(mount.Host.Span);
            writer.WriteOpaque(mount.Directory.Span);
        }

        writer.WriteBool(false);
    }
}
