using System.Diagnostics.Metrics;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Server;

/// <summary>The <c>ZeroFs.NineP.Server</c> meter: requests and durations by message type, payload bytes, sessions.</summary>
internal static class NinePServerMetrics
{
    public const string MeterName = "ZeroFs.NineP.Server";

    public static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "zerofs.ninep.requests", description: "9P requests served, by message type");

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "zerofs.ninep.request.duration", "s", "Time from a request's arrival to its reply, by message type");

    public static readonly Counter<long> BytesRead = Meter.CreateCounter<long>(
        "zerofs.ninep.bytes_read", "By", "File bytes returned by Tread");

    public static readonly Counter<long> BytesWritten = Meter.CreateCounter<long>(
        "zerofs.ninep.bytes_written", "By", "File bytes accepted by Twrite");

    public static readonly UpDownCounter<long> Sessions = Meter.CreateUpDownCounter<long>(
        "zerofs.ninep.sessions", description: "Open 9P sessions");

    /// <summary>One preboxed tag per type byte, so recording a measurement allocates nothing.</summary>
    private static readonly KeyValuePair<string, object?>[] TypeTags = CreateTypeTags();

    public static KeyValuePair<string, object?> TypeTag(MessageType type) => TypeTags[(byte)type];

    private static KeyValuePair<string, object?>[] CreateTypeTags()
    {
        var tags = new KeyValuePair<string, object?>[256];
        for (var i = 0; i < tags.Length; i++)
        {
            var name = Enum.IsDefined((MessageType)i) ? ((MessageType)i).ToString() : "unknown";
            tags[i] = new KeyValuePair<string, object?>("type", name);
        }

        return tags;
    }
}
