namespace ZeroFs.NineP.Protocol;

/// <summary>The type bits of a <see cref="Qid"/> (<c>P9_QT*</c>).</summary>
[Flags]
public enum QidType : byte
{
    /// <summary>P9_QTFILE: a plain file.</summary>
    File = 0x00,

    /// <summary>P9_QTLINK: a hard link (unused by Linux).</summary>
    Link = 0x01,

    /// <summary>P9_QTSYMLINK: a symbolic link.</summary>
    Symlink = 0x02,

    /// <summary>P9_QTTMP: not backed up.</summary>
    Temporary = 0x04,

    /// <summary>P9_QTAUTH: an authentication file.</summary>
    Auth = 0x08,

    /// <summary>P9_QTMOUNT: a mounted channel.</summary>
    Mount = 0x10,

    /// <summary>P9_QTEXCL: exclusive use.</summary>
    Exclusive = 0x20,

    /// <summary>P9_QTAPPEND: append only.</summary>
    Append = 0x40,

    /// <summary>P9_QTDIR: a directory.</summary>
    Directory = 0x80,
}
