namespace ZeroFs.ObjectStore;

/// <summary>
/// Which file version a local object is: inode identity, size and modification time. A rename or
/// link keeps all four, so the identity of a temp file is the identity of the object it becomes;
/// the sidecar records it to tell its own entry from a stale one.
/// </summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode, long Size, long MtimeNanoseconds)
{
    public DateTimeOffset LastModified =>
        DateTimeOffset.UnixEpoch.AddTicks(MtimeNanoseconds / 100);
}
