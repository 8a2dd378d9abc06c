using System.Buffers;
using BenchmarkDotNet.Attributes;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.Benchmarks.NineP;

/// <summary>
/// Encoding one frame into a reused <see cref="ArrayBufferWriter{T}"/>. Target: 0 B allocated.
/// Baseline: Rclunk (header only).
/// Run: <c>dotnet run -c Release --project bench/ZeroFs.Benchmarks -- --filter '*NinePEncode*'</c>.
/// </summary>
[MemoryDiagnoser]
public class NinePEncodeBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);

    /// <summary>Header-only reply.</summary>
    [Benchmark(Baseline = true)]
    public int Rclunk()
    {
        _output.ResetWrittenCount();
        return NinePWriter.WriteFrame(_output, 17, default(ZeroFs.NineP.Protocol.Messages.Rclunk));
    }

    /// <summary>Twrite with 4 KiB of data.</summary>
    [Benchmark]
    public int Twrite4K()
    {
        _output.ResetWrittenCount();
        return NinePWriter.WriteFrame(_output, 17, new Twrite(1, 8192, NinePFrames.Payload4K));
    }

    /// <summary>Rread with 4 KiB of data.</summary>
    [Benchmark]
    public int Rread4K()
    {
        _output.ResetWrittenCount();
        return NinePWriter.WriteFrame(_output, 17, new Rread(NinePFrames.Payload4K));
    }

    /// <summary>Twalk with four names.</summary>
    [Benchmark]
    public int Twalk()
    {
        _output.ResetWrittenCount();
        return NinePWriter.WriteFrame(_output, 17, new ZeroFs.NineP.Protocol.Messages.Twalk(1, 2, new WalkNames(NinePFrames.WalkNames)));
    }

    /// <summary>Rgetattr.</summary>
    [Benchmark]
    public int Rgetattr()
    {
        _output.ResetWrittenCount();
        return NinePWriter.WriteFrame(_output, 17, NinePFrames.Getattr());
    }
}
