using ZeroFs.Nbd.Protocol;

namespace ZeroFs.Nbd.Server;

/// <summary>An export resolved at negotiation: a regular file in the export directory.</summary>
/// <param name="Id">The file's inode id.</param>
/// <param name="Name">The export (file) name as the client sent it.</param>
/// <param name="Size">The file size at negotiation: the export size for the whole session.</param>
/// <param name="Flags">The transmission flags sent to the client.</param>
internal sealed record NbdExport(ulong Id, byte[] Name, long Size, TransmissionFlags Flags);
