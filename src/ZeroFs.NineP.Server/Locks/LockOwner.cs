namespace ZeroFs.NineP.Server.Locks;

/// <summary>
/// Who holds a POSIX lock: the session plus the Tlock's client_id and proc_id (one process on one
/// client). Locks of the same owner never conflict with each other; they split and merge instead.
/// </summary>
/// <param name="Session">The server-wide session number.</param>
/// <param name="ProcessId">proc_id from Tlock/Tgetlock.</param>
/// <param name="ClientId">client_id from Tlock/Tgetlock, as Latin-1 so every byte survives.</param>
internal sealed record LockOwner(long Session, uint ProcessId, string ClientId);
