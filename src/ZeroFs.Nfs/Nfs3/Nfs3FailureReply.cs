using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>
/// The failure arm of any procedure's result with every optional part absent: the status, then an
/// empty post_op_attr (one word) or wcc_data (two words) as the procedure's resfail has them. Used
/// when a call fails before anything is known about the objects (a bad handle, a server fault).
/// </summary>
public static class Nfs3FailureReply
{
    /// <summary>Writes <paramref name="status"/> and the empty failure arm of <paramref name="procedure"/>.</summary>
    public static void Write(ref XdrWriter writer, Nfs3Procedure procedure, Nfs3Status status)
    {
        writer.WriteUInt32((uint)status);
        for (var i = EmptyWords(procedure); i > 0; i--)
        {
            writer.WriteBool(false);
        }
    }

    /// <summary>How many "absent" words follow the status in <paramref name="procedure"/>'s failure arm.</summary>
    public static int EmptyWords(Nfs3Procedure procedure) => procedure switch
    {
        Nfs3Procedure.GetAttr or Nfs3Procedure.Null => 0,
        Nfs3Procedure.Lookup or Nfs3Procedure.Access or Nfs3Procedure.ReadLink or Nfs3Procedure.Read or
            Nfs3Procedure.ReadDir or Nfs3Procedure.ReadDirPlus or Nfs3Procedure.FsStat or Nfs3Procedure.FsInfo or Nfs3Procedure.PathConf => 1,
        Nfs3Procedure.Link => 3,
        Nfs3Procedure.Rename => 4,
        _ => 2, // SETATTR, WRITE, CREATE, MKDIR, SYMLINK, MKNOD, REMOVE, RMDIR, COMMIT: one wcc_data
    };
}
