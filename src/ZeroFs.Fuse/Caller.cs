namespace ZeroFs.Fuse;

/// <summary>Who made a FUSE request (fuse_req_ctx), copied before the callback returns.</summary>
/// <param name="Uid">The caller's fsuid: the 9P user the request runs as.</param>
/// <param name="Gid">The caller's fsgid: the group of files it creates.</param>
/// <param name="Pid">The calling thread.</param>
internal readonly record struct Caller(uint Uid, uint Gid, int Pid);
