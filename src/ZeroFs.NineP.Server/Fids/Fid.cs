using ZeroFs.FileSystem;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Server.Locks;

namespace ZeroFs.NineP.Server.Fids;

/// <summary>
/// One fid of a session: the inode it names, the identity it acts as, and its open or xattr state.
/// State transitions (open, clunk, lock owners) happen under the session's lock; the immutable fields
/// are read freely by concurrent requests on the same fid.
/// </summary>
internal sealed class Fid
{
    public Fid(ulong inode, FileType type, Credentials credentials, ulong attachRoot, ulong parent, byte[]? name)
    {
        Inode = inode;
        Type = type;
        Credentials = credentials;
        AttachRoot = attachRoot;
        Parent = parent;
        Name = name;
    }

    /// <summary>The inode the fid names.</summary>
    public ulong Inode { get; }

    /// <summary>The inode's type when the fid was made.</summary>
    public FileType Type { get; }

    /// <summary>The identity every request through this fid acts as.</summary>
    public Credentials Credentials { get; }

    /// <summary>The inode the session attached at: ".." there stays there.</summary>
    public ulong AttachRoot { get; }

    /// <summary>
    /// The directory this fid was reached from and its name there (Trename and Tremove need them);
    /// <see cref="Name"/> is null for an attach root.
    /// </summary>
    public ulong Parent { get; set; }

    /// <summary>The name in <see cref="Parent"/>, or null for an attach root.</summary>
    public byte[]? Name { get; set; }

    public FidKind Kind { get; set; }

    /// <summary>True once Tlopen/Tlcreate opened it; it then holds one filesystem handle on <see cref="Inode"/>.</summary>
    public bool IsOpen { get; set; }

    /// <summary>Flags of the open.</summary>
    public OpenFlags OpenFlags { get; set; }

    /// <summary>Xattr fids: the value read (XattrRead) or being collected (XattrWrite).</summary>
    public byte[]? XattrValue { get; set; }

    /// <summary>XattrWrite: the attribute's name.</summary>
    public byte[]? XattrName { get; set; }

    /// <summary>XattrWrite: the setxattr flags.</summary>
    public XattrFlags XattrFlags { get; set; }

    /// <summary>XattrWrite: the highest byte written so far.</summary>
    public int XattrWritten { get; set; }

    /// <summary>Owners that placed locks through this fid; its clunk releases their locks on the inode.</summary>
    public List<LockOwner>? LockOwners { get; set; }

    public bool CanRead => IsOpen && (OpenFlags & OpenFlags.AccessModeMask) is OpenFlags.ReadOnly or OpenFlags.ReadWrite;

    public bool CanWrite => IsOpen && (OpenFlags & OpenFlags.AccessModeMask) is OpenFlags.WriteOnly or OpenFlags.ReadWrite;

    /// <summary>A new fid naming the same file as this one, unopened (Twalk with no names).</summary>
    public Fid Clone() => new(Inode, Type, Credentials, AttachRoot, Parent, Name);
}
