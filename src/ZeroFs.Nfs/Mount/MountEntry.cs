namespace ZeroFs.Nfs.Mount;

/// <summary>mountbody (RFC 1813 appendix I): a client host and the directory it mounted.</summary>
/// <param name="Host">The client's host name (from its AUTH_SYS credentials).</param>
/// <param name="Directory">The mounted path.</param>
public sealed record MountEntry(ReadOnlyMemory<byte> Host, ReadOnlyMemory<byte> Directory);
