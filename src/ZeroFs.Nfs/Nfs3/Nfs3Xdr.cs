using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>The shared NFSv3 building blocks (RFC 1813 §2.6): times, optional attributes, wcc data, optional handles, sattr3.</summary>
public static class Nfs3Xdr
{
    /// <summary>NFS3_COOKIEVERFSIZE, NFS3_CREATEVERFSIZE and NFS3_WRITEVERFSIZE: verifiers are 8 bytes, carried here as big-endian unsigned hypers.</summary>
    public const int VerifierLength = 8;

    /// <summary>The longest name accepted on the wire (longer ones get NFS3ERR_NAMETOOLONG from the filesystem when they fit this).</summary>
    public const int MaxNameLength = 1024;

    /// <summary>The longest path (symlink target, MOUNT dirpath) accepted on the wire.</summary>
    public const int MaxPathLength = 4096;

    /// <summary>Reads nfstime3.</summary>
    public static bool TryReadTime(ref XdrReader reader, out NfsTime value)
    {
        var ok = reader.TryReadUInt32(out var seconds) & reader.TryReadUInt32(out var nanoseconds);
        value = new NfsTime(seconds, nanoseconds);
        return ok;
    }

    /// <summary>Writes nfstime3.</summary>
    public static void WriteTime(ref XdrWriter writer, NfsTime value)
    {
        writer.WriteUInt32(value.Seconds);
        writer.WriteUInt32(value.Nanoseconds);
    }

    /// <summary>Reads post_op_attr.</summary>
    public static bool TryReadPostOpAttributes(ref XdrReader reader, out Nfs3Attributes? value)
    {
        value = null;
        if (!reader.TryReadBool(out var follows))
        {
            return false;
        }

        if (!follows)
        {
            return true;
        }

        if (!Nfs3Attributes.TryRead(ref reader, out var attributes))
        {
            return false;
        }

        value = attributes;
        return true;
    }

    /// <summary>Writes post_op_attr.</summary>
    public static void WritePostOpAttributes(ref XdrWriter writer, in Nfs3Attributes? value)
    {
        writer.WriteBool(value.HasValue);
        if (value is { } attributes)
        {
            attributes.Write(ref writer);
        }
    }

    /// <summary>Reads wcc_data.</summary>
    public static bool TryReadWcc(ref XdrReader reader, out WccData value)
    {
        value = default;
        if (!reader.TryReadBool(out var before))
        {
            return false;
        }

        WccAttributes? pre = null;
        if (before)
        {
            if (!reader.TryReadUInt64(out var size) || !TryReadTime(ref reader, out var mtime) || !TryReadTime(ref reader, out var ctime))
            {
                return false;
            }

            pre = new WccAttributes(size, mtime, ctime);
        }

        if (!TryReadPostOpAttributes(ref reader, out var after))
        {
            return false;
        }

        value = new WccData(pre, after);
        return true;
    }

    /// <summary>Writes wcc_data.</summary>
    public static void WriteWcc(ref XdrWriter writer, in WccData value)
    {
        writer.WriteBool(value.Before.HasValue);
        if (value.Before is { } before)
        {
            writer.WriteUInt64(before.Size);
            WriteTime(ref writer, before.Mtime);
            WriteTime(ref writer, before.Ctime);
        }

        WritePostOpAttributes(ref writer, value.After);
    }

    /// <summary>Reads post_op_fh3.</summary>
    public static bool TryReadPostOpHandle(ref XdrReader reader, out NfsFileHandle? value)
    {
        value = null;
        if (!reader.TryReadBool(out var follows))
        {
            return false;
        }

        if (!follows)
        {
            return true;
        }

        if (!NfsFileHandle.TryRead(ref reader, out var handle))
        {
            return false;
        }

        value = handle;
        return true;
    }

    /// <summary>Writes post_op_fh3.</summary>
    public static void WritePostOpHandle(ref XdrWriter writer, in NfsFileHandle? value)
    {
        writer.WriteBool(value.HasValue);
        value?.Write(ref writer);
    }

    /// <summary>Reads sattr3.</summary>
    public static bool TryReadSetAttributes(ref XdrReader reader, out Nfs3SetAttributes value)
    {
        value = default;
        if (!TryReadOptional(ref reader, out var mode) || !TryReadOptional(ref reader, out var uid) || !TryReadOptional(ref reader, out var gid))
        {
            return false;
        }

        if (!reader.TryReadBool(out var setSize))
        {
            return false;
        }

        ulong? size = null;
        if (setSize)
        {
            if (!reader.TryReadUInt64(out var newSize))
            {
                return false;
            }

            size = newSize;
        }

        if (!TryReadSetTime(ref reader, out var atime) || !TryReadSetTime(ref reader, out var mtime))
        {
            return false;
        }

        value = new Nfs3SetAttributes(mode, uid, gid, size, atime, mtime);
        return true;
    }

    /// <summary>Writes sattr3.</summary>
    public static void WriteSetAttributes(ref XdrWriter writer, in Nfs3SetAttributes value)
    {
        WriteOptional(ref writer, value.Mode);
        WriteOptional(ref writer, value.Uid);
        WriteOptional(ref writer, value.Gid);
        writer.WriteBool(value.Size.HasValue);
        if (value.Size is { } size)
        {
            writer.WriteUInt64(size);
        }

        WriteSetTime(ref writer, value.Atime);
        WriteSetTime(ref writer, value.Mtime);
    }

    private static bool TryReadOptional(ref XdrReader reader, out uint? value)
    {
        value = null;
        if (!reader.TryReadBool(out var set))
        {
            return false;
        }

        if (set)
        {
            if (!reader.TryReadUInt32(out var raw))
            {
                return false;
            }

            value = raw;
        }

        return true;
    }

    private static void WriteOptional(ref XdrWriter writer, uint? value)
    {
        writer.WriteBool(value.HasValue);
        if (value is { } raw)
        {
            writer.WriteUInt32(raw);
        }
    }

    private static bool TryReadSetTime(ref XdrReader reader, out SetTime value)
    {
        value = default;
        if (!reader.TryReadUInt32(out var how) || how > (uint)TimeHow.ClientTime)
        {
            return false;
        }

        var time = default(NfsTime);
        if (how == (uint)TimeHow.ClientTime && !TryReadTime(ref reader, out time))
        {
            return false;
        }

        value = new SetTime((TimeHow)how, time);
        return true;
    }

    private static void WriteSetTime(ref XdrWriter writer, SetTime value)
    {
        writer.WriteUInt32((uint)value.How);
        if (value.How == TimeHow.ClientTime)
        {
            WriteTime(ref writer, value.Time);
        }
    }
}
