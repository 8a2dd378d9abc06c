using System.Buffers;
using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using ZeroFs.Crypto;
using ZeroFs.Engine;
using ZeroFs.FileSystem;
using ZeroFs.FileSystem.Storage;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;
using ZeroFs.NineP.Server;
using ZeroFs.ObjectStore;

namespace ZeroFs.Benchmarks.NineP;

/// <summary>
/// One request through a whole 9P server session over in-memory pipes (no socket): a pre-encoded frame is
/// written, the session parses, dispatches to a real <see cref="PosixFileSystem"/> on a real engine, and
/// the reply frame is read back. Baseline: Tflush of an unknown tag (framing, dispatch and reply only).
/// Run: <c>dotnet run -c Release --project bench/ZeroFs.Benchmarks -- --filter '*NinePSession*'</c>.
/// </summary>
[MemoryDiagnoser]
public class NinePSessionBenchmarks
{
    private readonly Pipe _toServer = new(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
    private readonly Pipe _toClient = new(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
    private byte[] _flush = [];
    private byte[] _getattr = [];
    private byte[] _read = [];
    private DataKey _key = null!;
    private Db _db = null!;
    private PosixFileSystem _fs = null!;
    private Task _session = Task.CompletedTask;

    /// <summary>Starts a session, negotiates, attaches, and opens a 64 KiB file as fid 2.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _key = DataKey.Generate();
        var options = new EngineOptions { Compression = new CompressionOptions(CompressionCodec.None), RandomSeed = 1 };
        _db = await Db.OpenWriterAsync(new MemoryObjectStore(), null, _key, options, TimeProvider.System);
        _fs = await PosixFileSystem.OpenAsync(new DbFileSystemStore(_db), new FileSystemOptions(), TimeProvider.System);
        var file = (await _fs.CreateAsync(Credentials.Root, PosixFileSystem.RootId, "f"u8.ToArray(), 0x1A4, true)).Value.Id;
        await _fs.WriteAsync(Credentials.Root, file, 0, new byte[64 * 1024]);
        await _fs.FlushPendingWritesAsync();
        var server = new NinePServer(_fs, new NinePServerOptions());
        _session = server.RunSessionAsync(new Duplex(_toServer.Reader, _toClient.Writer), CancellationToken.None);

        await RoundTripAsync(Frame(NinePConstants.NoTag, new Tversion(1024 * 1024, NinePConstants.Version)));
        await RoundTripAsync(Frame(1, new Tattach(1, NinePConstants.NoFid, "root"u8, ""u8, 0)));
        await RoundTripAsync(Frame(1, new Twalk(1, 2, new WalkNames(["f"u8.ToArray()]))));
        await RoundTripAsync(Frame(1, new Tlopen(2, OpenFlags.ReadOnly)));
        _flush = Frame(7, new Tflush(999));
        _getattr = Frame(7, new Tgetattr(2, GetattrMask.Basic));
        _read = Frame(7, new Tread(2, 8192, 4096));
        if (await RoundTripAsync(_read) != 7 + 4 + 4096)
        {
            throw new InvalidOperationException("the 4 KiB read did not return 4 KiB");
        }
    }

    /// <summary>Ends the session and closes the engine.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _toServer.Writer.CompleteAsync();
        await _session;
        await _toClient.Reader.CompleteAsync();
        await _fs.DisposeAsync();
        await _db.DisposeAsync();
        _key.Dispose();
    }

    /// <summary>Tflush of an unknown tag: the session's fixed cost.</summary>
    [Benchmark(Baseline = true)]
    public Task<int> Flush() => RoundTripAsync(_flush);

    /// <summary>Tgetattr of an open file.</summary>
    [Benchmark]
    public Task<int> Getattr() => RoundTripAsync(_getattr);

    /// <summary>Tread of 4 KiB from a 64 KiB file.</summary>
    [Benchmark]
    public Task<int> Read4K() => RoundTripAsync(_read);

    private async Task<int> RoundTripAsync(byte[] frame)
    {
        await _toServer.Writer.WriteAsync(frame);
        while (true)
        {
            var result = await _toClient.Reader.ReadAsync();
            var buffer = result.Buffer;
            if (NinePFrame.TryReadFrame(buffer, uint.MaxValue, out var header, out var end) == OperationStatus.Done)
            {
                if (header.Type == MessageType.Rlerror)
                {
                    throw new InvalidOperationException("the server answered Rlerror");
                }

                _toClient.Reader.AdvanceTo(end);
                return (int)header.Size;
            }

            _toClient.Reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static byte[] Frame<T>(ushort tag, in T message)
        where T : INinePMessage<T>, allows ref struct
    {
        var output = new ArrayBufferWriter<byte>();
        NinePWriter.WriteFrame(output, tag, message);
        return output.WrittenSpan.ToArray();
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
