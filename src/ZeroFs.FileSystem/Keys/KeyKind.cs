namespace ZeroFs.FileSystem.Keys;

/// <summary>The first byte of every filesystem key: one value per record family (docs/formats/filesystem-keys.md).</summary>
internal enum KeyKind : byte
{
    /// <summary>(inode u64) → inode record.</summary>
    Inode = 0x01,

    /// <summary>(dir u64, name bytes) → child, cookie, type: lookup by name.</summary>
    DirEntry = 0x02,

    /// <summary>(dir u64, cookie u64) → child, type, name: readdir as a range scan.</summary>
    DirScan = 0x03,

    /// <summary>(dir u64) → the next cookie of the directory.</summary>
    DirCookie = 0x04,

    /// <summary>(shard u16) → used bytes and inodes of the shard.</summary>
    Stats = 0x05,

    /// <summary>(subtype u8) → a system value (format version, inode id watermark).</summary>
    System = 0x06,

    /// <summary>(inode u64) → size of a deleted file whose chunks await the reaper.</summary>
    Tombstone = 0x07,

    /// <summary>(inode u64) → empty: unlinked while open, reclaimed at last release or at startup.</summary>
    Orphan = 0x08,

    /// <summary>(inode u64, name bytes) → extended attribute value.</summary>
    Xattr = 0x09,

    /// <summary>(inode u64) → first chunk index (u64) still to delete after a large shrinking truncate.</summary>
    Truncation = 0x0A,

    /// <summary>(inode u64, chunk index u64) → up to 32 KiB of file data; missing bytes read as zeros.</summary>
    Chunk = 0x10,
}
