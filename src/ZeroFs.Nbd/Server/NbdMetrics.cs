using System.Diagnostics.Metrics;

namespace ZeroFs.Nbd.Server;

/// <summary>The <c>ZeroFs.Nbd</c> meter: sessions, requests, errors and payload bytes.</summary>
internal static class NbdMetrics
{
    public static readonly Meter Meter = new("ZeroFs.Nbd");

    public static readonly UpDownCounter<long> ActiveSessions = Meter.CreateUpDownCounter<long>("zerofs.nbd.sessions", description: "Open NBD connections");

    public static readonly Counter<long> Requests = Meter.CreateCounter<long>("zerofs.nbd.requests", description: "Transmission requests by command");

    public static readonly Counter<long> Errors = Meter.CreateCounter<long>("zerofs.nbd.errors", description: "Replies carrying an error, by command");

    public static readonly Counter<long> BytesRead = Meter.CreateCounter<long>("zerofs.nbd.bytes_read", "By", "READ payload bytes sent");

    public static readonly Counter<long> BytesWritten = Meter.CreateCounter<long>("zerofs.nbd.bytes_written", "By", "WRITE payload bytes received");

    public static KeyValuePair<string, object?> CommandTag(Protocol.NbdCommand command) => new("command", CommandName(command));

    public static string CommandName(Protocol.NbdCommand command) => command switch
    {
        Protocol.NbdCommand.Read => "read",
        Protocol.NbdCommand.Write => "write",
        Protocol.NbdCommand.Disconnect => "disc",
        Protocol.NbdCommand.Flush => "flush",
        Protocol.NbdCommand.Trim => "trim",
        Protocol.NbdCommand.Cache => "cache",
        Protocol.NbdCommand.WriteZeroes => "write_zeroes",
        _ => "other",
    };
}
