using System.Buffers;
using BenchmarkDotNet.Attributes;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.Benchmarks.NineP;

/// <summary>
/// Framing plus body parse of one frame from a <see cref="ReadOnlySequence{T}"/>, as a read loop does it.
/// Target: 0 B allocated. Baseline: framing alone (TryReadFrame on an Rclunk).
/// Run: <c>dotnet run -c Release --project bench/ZeroFs.Benchmarks -- --filter '*NinePParse*'</c>.
/// </summary>
[MemoryDiagnoser]
public class NinePParseBenchmarks
{
    private ReadOnlySequence<byte> _rclunk;
    private ReadOnlySequence<byte> _twrite;
    private ReadOnlySequence<byte> _twriteSplit;
    private ReadOnlySequence<byte> _rread;
    private ReadOnlySequence<byte> _twalk;
    private ReadOnlySequence<byte> _rgetattr;

    /// <summary>Encodes the frames once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _rclunk = new ReadOnlySequence<byte>(NinePFrames.Encode(default(Rclunk)));
        var twrite = NinePFrames.Encode(new Twrite(1, 8192, NinePFrames.Payload4K));
        _twrite = new ReadOnlySequence<byte>(twrite);
        _twriteSplit = TwoSegments.Split(twrite, twrite.Length / 2);
        _rread = new ReadOnlySequence<byte>(NinePFrames.Encode(new Rread(NinePFrames.Payload4K)));
        _twalk = new ReadOnlySequence<byte>(NinePFrames.Encode(new Twalk(1, 2, new WalkNames(NinePFrames.WalkNames))));
        _rgetattr = new ReadOnlySequence<byte>(NinePFrames.Encode(NinePFrames.Getattr()));
    }

    /// <summary>Framing only.</summary>
    [Benchmark(Baseline = true)]
    public int FrameOnly() => NinePFrame.TryReadFrame(_rclunk, 1 << 20, out var header, out _) == OperationStatus.Done ? header.Tag : -1;

    /// <summary>Twrite with 4 KiB of data (the payload stays a slice).</summary>
    [Benchmark]
    public int Twrite4K() => Parse<Twrite>(_twrite);

    /// <summary>Twrite 4 KiB straddling two segments (copied into a pooled buffer).</summary>
    [Benchmark]
    public int Twrite4KSplit() => Parse<Twrite>(_twriteSplit);

    /// <summary>Twrite 4 KiB straddling two segments, payload kept as a sequence (the server's path).</summary>
    [Benchmark]
    public long Twrite4KSplitSequence()
    {
        NinePFrame.TryReadFrame(_twriteSplit, 1 << 20, out var header, out _);
        NinePPayload.TryParseTwrite(NinePFrame.GetBody(_twriteSplit, header), out _, out _, out var data);
        return data.Length;
    }

    /// <summary>Rread with 4 KiB of data.</summary>
    [Benchmark]
    public int Rread4K() => Parse<Rread>(_rread);

    /// <summary>Twalk with four names, enumerated.</summary>
    [Benchmark]
    public int Twalk()
    {
        NinePFrame.TryReadFrame(_twalk, 1 << 20, out var header, out _);
        using var body = ContiguousBody.Create(NinePFrame.GetBody(_twalk, header));
        ZeroFs.NineP.Protocol.Messages.Twalk.TryParse(body.Span, out var walk);
        var length = 0;
        foreach (var name in walk.Names)
        {
            length += name.Length;
        }

        return length;
    }

    /// <summary>Rgetattr (153-byte body).</summary>
    [Benchmark]
    public int Rgetattr() => Parse<ZeroFs.NineP.Protocol.Messages.Rgetattr>(_rgetattr);

    private static int Parse<T>(in ReadOnlySequence<byte> frame)
        where T : INinePMessage<T>, allows ref struct
    {
        NinePFrame.TryReadFrame(frame, 1 << 20, out var header, out _);
        using var body = ContiguousBody.Create(NinePFrame.GetBody(frame, header));
        return T.TryParse(body.Span, out _) == OperationStatus.Done ? header.BodyLength : -1;
    }
}
