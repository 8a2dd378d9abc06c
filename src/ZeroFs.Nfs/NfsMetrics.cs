using System.Diagnostics.Metrics;

namespace ZeroFs.Nfs;

/// <summary>The <c>ZeroFs.Nfs</c> meter: calls and durations by procedure, bytes moved, RPC-level errors by kind.</summary>
internal static class NfsMetrics
{
    public static readonly Meter Meter = new("ZeroFs.Nfs");

    public static readonly Counter<long> Calls = Meter.CreateCounter<long>("zerofs.nfs.calls", "{call}", "NFSv3 calls served, by procedure.");

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("zerofs.nfs.call.duration", "s", "NFSv3 call latency, by procedure.");

    public static readonly Counter<long> BytesRead = Meter.CreateCounter<long>("zerofs.nfs.bytes_read", "By", "Bytes returned by READ.");

    public static readonly Counter<long> BytesWritten = Meter.CreateCounter<long>("zerofs.nfs.bytes_written", "By", "Bytes accepted by WRITE.");

    public static readonly Counter<long> RpcErrors = Meter.CreateCounter<long>("zerofs.nfs.rpc_errors", "{error}", "Calls refused at the RPC level or failed in the server, by kind.");
}
