using ZeroFs.Fuse.Interop;

namespace ZeroFs.Fuse;

/// <summary>Extended attributes: getxattr, listxattr, setxattr, removexattr (Txattrwalk / Txattrcreate).</summary>
internal sealed partial class FuseFileSystem
{
    /// <summary>XATTR_REPLACE: the attribute must exist.</summary>
    private const uint XattrReplace = 2;

    /// <summary>getxattr (a name) or listxattr (an empty name): size 0 asks only for the length; a value longer than size is ERANGE.</summary>
    public async Task GetXattrAsync(nint request, Caller caller, ulong ino, byte[] name, int size)
    {
        var operation = name.Length == 0 ? "listxattr" : "getxattr";
        try
        {
            var inode = GetInode(ino);
            var value = await CallAsync(operation, replayable: true, (this, inode, name, caller.Uid), static async (session, s) =>
            {
                var fid = await s.Item1.GetFidAsync(session, s.inode, s.Uid).ConfigureAwait(false);
                return await session.Client.GetXattrAsync(fid, s.name).ConfigureAwait(false);
            }).ConfigureAwait(false);
            if (size == 0)
            {
                LibFuse.ReplyXattrSize(request, (nuint)value.Length);
            }
            else if (value.Length > size)
            {
                LibFuse.ReplyError(request, Errors.ERANGE);
            }
            else
            {
                ReplyBuffer(request, value);
            }
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, operation);
        }
    }

    /// <summary>setxattr (flags XATTR_CREATE 1 / XATTR_REPLACE 2) and removexattr (a null value: size 0 with XATTR_REPLACE).</summary>
    public async Task SetXattrAsync(nint request, Caller caller, ulong ino, byte[] name, byte[]? value, uint flags)
    {
        var operation = value is null ? "removexattr" : "setxattr";
        try
        {
            var inode = GetInode(ino);
            var effectiveFlags = value is null ? XattrReplace : flags;
            await CallAsync(operation, replayable: effectiveFlags == 0, (this, inode, name, value, effectiveFlags, caller.Uid), static async (session, s) =>
            {
                var fid = await s.Item1.GetFidAsync(session, s.inode, s.Uid).ConfigureAwait(false);
                await session.Client.SetXattrAsync(fid, s.name, s.value ?? [], s.effectiveFlags).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            ReplyOk(request);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, operation);
        }
    }
}
