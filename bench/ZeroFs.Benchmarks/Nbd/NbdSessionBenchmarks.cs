using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using ZeroFs.Crypto;
using ZeroFs.Engine;
using ZeroFs.FileSystem;
using ZeroFs.FileSystem.Storage;
using ZeroFs.Nbd.Server;
using ZeroFs.ObjectStore;

namespace ZeroFs.Benchmarks.Nbd;

/// <summary>
/// One request through a whole NBD server session over in-memory pipes (no socket): a pre-encoded request
/// is written, the session checks and runs it on a real <see cref="PosixFileSystem"/> on a real engine, and
/// the simple reply is read back. Baseline: a READ past the export's end (header check and EINVAL reply only).
/// Run: <c>dotnet run -c Release --project bench/ZeroFs.Benchmarks -- --filter '*NbdSession*'</c>.
/// </summary>
[MemoryDiagnoser]
public class NbdSessionBenchmarks
{
    private const int ExportBytes = 1024 * 1024;
    private const int BlockBytes = 4096;

    private readonly Pipe _toServer = new(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
    private readonly Pipe _toClient = new(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
    private readonly byte[] _write = new byte[28 + BlockBytes];
    private byte[] _outOfRange = [];
    private byte[] _read = [];
    private DataKey _key = null!;
    private Db _db = null!;
    private PosixFileSystem _fs = null!;
    private Task _session = Task.CompletedTask;
    private long _sequentialOffset;

    /// <summary>Creates a 1 MiB export, starts a session and negotiates it (EXPORT_NAME, no zeroes).</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _key = DataKey.Generate();
        var options = new EngineOptions { Compression = new CompressionOptions(CompressionCodec.None), RandomSeed = 1 };
        _db = await Db.OpenWriterAsync(new MemoryObjectStore(), null, _key, options, TimeProvider.System);
        _fs = await PosixFileSystem.OpenAsync(new DbFileSystemStore(_db), new FileSystemOptions(), TimeProvider.System);
        var server = new NbdServer(_fs, new NbdServerOptions(), null);
        await server.EnsureExportDirectoryAsync(CancellationToken.None);
        var directory = (await _fs.LookupAsync(Credentials.Root, PosixFileSystem.RootId, ".nbd"u8.ToArray())).Value.Id;
        var file = (await _fs.CreateAsync(Credentials.Root, directory, "vol1"u8.ToArray(), 0x1A4, true)).Value.Id;
        await _fs.WriteAsync(Credentials.Root, file, 0, new byte[ExportBytes]);
        await _fs.FlushPendingWritesAsync();
        _session = server.RunSessionAsync(new Duplex(_toServer.Reader, _toClient.Writer), CancellationToken.None);

        await ReceiveAsync(18); // greeting
        var negotiation = new byte[4 + 16 + 4];
        BinaryPrimitives.WriteUInt32BigEndian(negotiation, 3); // C_FIXED_NEWSTYLE | C_NO_ZEROES
        BinaryPrimitives.WriteUInt64BigEndian(negotiation.AsSpan(4), 0x49484156454F5054UL); // IHAVEOPT
        BinaryPrimitives.WriteUInt32BigEndian(negotiation.AsSpan(12), 1); // NBD_OPT_EXPORT_NAME
        BinaryPrimitives.WriteUInt32BigEndian(negotiation.AsSpan(16), 4);
        "vol1"u8.CopyTo(negotiation.AsSpan(20));
        await _toServer.Writer.WriteAsync(negotiation);
        var export = await ReceiveAsync(10);
        if (BinaryPrimitives.ReadUInt64BigEndian(export) != ExportBytes)
        {
            throw new InvalidOperationException("the export does not have the file's size");
        }

        _outOfRange = Request(0, ExportBytes, BlockBytes); // READ past the end: EINVAL from the header
        _read = Request(0, 8192, BlockBytes);
        Request(1, 8192, BlockBytes).CopyTo(_write, 0);
        if (await RoundTripAsync(_read, 16 + BlockBytes, expectError: false) != 0)
        {
            throw new InvalidOperationException("the 4 KiB read failed");
        }
    }

    /// <summary>Ends the session (the client closes) and closes the engine.</summary>
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

    /// <summary>A READ refused from its header: the session's fixed cost.</summary>
    [Benchmark(Baseline = true)]
    public Task<uint> RefusedRead() => RoundTripAsync(_outOfRange, 16, expectError: true);

    /// <summary>READ of 4 KiB (block cache or memtable hit).</summary>
    [Benchmark]
    public Task<uint> Read4K() => RoundTripAsync(_read, 16 + BlockBytes, expectError: false);

    /// <summary>WRITE of 4 KiB, always at the same offset: each one pushes the previous one (a 32 KiB chunk read-modify-write and an engine commit).</summary>
    [Benchmark]
    public Task<uint> Write4KSameOffset() => RoundTripAsync(_write, 16, expectError: false);

    /// <summary>WRITE of 4 KiB at the next offset (wrapping at the export's end): the filesystem coalesces them up to 1 MiB.</summary>
    [Benchmark]
    public Task<uint> Write4KSequential()
    {
        BinaryPrimitives.WriteUInt64BigEndian(_write.AsSpan(16), (ulong)_sequentialOffset);
        _sequentialOffset = (_sequentialOffset + BlockBytes) % ExportBytes;
        return RoundTripAsync(_write, 16, expectError: false);
    }

    private static byte[] Request(ushort type, long offset, int length)
    {
        var bytes = new byte[28 + (type == 1 ? length : 0)];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, 0x25609513); // NBD_REQUEST_MAGIC
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), type);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), 7); // cookie
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(16), (ulong)offset);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(24), (uint)length);
        return bytes;
    }

    /// <summary>Sends one request and consumes its reply; returns the reply's error.</summary>
    private async Task<uint> RoundTripAsync(byte[] request, int replyBytes, bool expectError)
    {
        await _toServer.Writer.WriteAsync(request);
        var result = await _toClient.Reader.ReadAtLeastAsync(replyBytes);
        var error = ReadError(result.Buffer);
        _toClient.Reader.AdvanceTo(result.Buffer.GetPosition(expectError ? 16 : replyBytes));
        if ((error != 0) != expectError)
        {
            throw new InvalidOperationException($"the server answered error {error}");
        }

        return error;
    }

    private static uint ReadError(in ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[16];
        buffer.Slice(0, 16).CopyTo(header);
        return BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
    }

    private async Task<byte[]> ReceiveAsync(int count)
    {
        var result = await _toClient.Reader.ReadAtLeastAsync(count);
        var bytes = result.Buffer.Slice(0, count).ToArray();
        _toClient.Reader.AdvanceTo(result.Buffer.GetPosition(count));
        return bytes;
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
