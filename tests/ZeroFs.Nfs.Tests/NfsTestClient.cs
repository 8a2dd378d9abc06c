using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using ZeroFs.Nfs.Nfs3;
using ZeroFs.Nfs.Rpc;
using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Tests;

/// <summary>Writes a call's arguments.</summary>
internal delegate void ArgumentsWriter(ref XdrWriter writer);

/// <summary>
/// A raw RPC client over in-memory pipes driving a real <see cref="NfsServer"/> session: it frames
/// calls with record marking, keeps many outstanding, and matches replies by xid.
/// </summary>
internal sealed class NfsTestClient : IAsyncDisposable
{
    private readonly Pipe _toServer = new(new PipeOptions(useSynchronizationContext: false));
    private readonly Pipe _fromServer = new(new PipeOptions(useSynchronizationContext: false));
    private readonly ConcurrentDictionary<uint, TaskCompletionSource<byte[]>> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task _session = Task.CompletedTask;
    private Task _receiver = Task.CompletedTask;
    private int _nextXid = 1000;

    private NfsTestClient(uint uid, uint gid, uint[]? groups)
    {
        Uid = uid;
        Gid = gid;
        Groups = groups ?? [];
    }

    public uint Uid { get; set; }

    public uint Gid { get; set; }

    public uint[] Groups { get; set; }

    /// <summary>Send AUTH_NONE instead of AUTH_SYS.</summary>
    public bool AuthNone { get; set; }

    /// <summary>Completes when the server closed its side of the connection.</summary>
    public Task Closed => _receiver;

    /// <summary>Every reply record received, in arrival order (xid only).</summary>
    public ConcurrentQueue<uint> ArrivalOrder { get; } = new();

    public static NfsTestClient Start(NfsServer server, uint uid, uint gid, uint[]? groups)
    {
        var client = new NfsTestClient(uid, gid, groups);
        var transport = new DuplexPipe(client._toServer.Reader, client._fromServer.Writer);
        client._session = Task.Run(() => server.RunSessionAsync(transport, client._stop.Token));
        client._receiver = Task.Run(client.ReceiveAsync);
        return client;
    }

    /// <summary>Encodes a call with the client's credentials and <paramref name="write"/> for the arguments.</summary>
    public (uint Xid, byte[] Record) BuildCall(uint program, uint version, uint procedure, ArgumentsWriter? write)
    {
        var xid = (uint)Interlocked.Increment(ref _nextXid);
        var credential = new ArrayBufferWriter<byte>();
        if (!AuthNone)
        {
            var cw = new XdrWriter(credential);
            AuthSysCredentials.Write(ref cw, 7, "testhost"u8, Uid, Gid, Groups);
            cw.Commit();
        }

        var body = new ArrayBufferWriter<byte>();
        var writer = new XdrWriter(body);
        RpcCallHeader.Write(ref writer, xid, program, version, procedure, AuthNone ? RpcAuthFlavor.None : RpcAuthFlavor.Sys, credential.WrittenSpan);
        write?.Invoke(ref writer);
        writer.Commit();
        return (xid, body.WrittenSpan.ToArray());
    }

    /// <summary>Sends one record as a single fragment and returns the reply record (header included).</summary>
    public async Task<byte[]> CallRawAsync(uint program, uint version, uint procedure, ArgumentsWriter? write)
    {
        var (xid, record) = BuildCall(program, version, procedure, write);
        return await SendAndWaitAsync(xid, record);
    }

    public async Task<byte[]> SendAndWaitAsync(uint xid, byte[] record, int fragments = 1)
    {
        var completion = Expect(xid);
        await SendRecordAsync(record, fragments);
        return await completion.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public Task<byte[]> Expect(uint xid)
    {
        var completion = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[xid] = completion;
        return completion.Task;
    }

    /// <summary>Frames <paramref name="record"/> in <paramref name="fragments"/> fragments.</summary>
    public async Task SendRecordAsync(byte[] record, int fragments = 1)
    {
        var framed = Frame(record, fragments);
        await SendBytesAsync(framed);
    }

    public static byte[] Frame(byte[] record, int fragments = 1)
    {
        using var stream = new MemoryStream();
        var size = Math.Max(1, (record.Length + fragments - 1) / fragments);
        var offset = 0;
        do
        {
            var length = Math.Min(size, record.Length - offset);
            var last = offset + length >= record.Length;
            var header = new byte[4];
            RecordMarking.WriteHeader(header, length, last);
            stream.Write(header);
            stream.Write(record, offset, length);
            offset += length;
        }
        while (offset < record.Length);

        return stream.ToArray();
    }

    public async Task SendBytesAsync(ReadOnlyMemory<byte> bytes)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _toServer.Writer.WriteAsync(bytes);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Calls and decodes the reply header and the typed results (which must be SUCCESS).</summary>
    public async Task<TReply> CallAsync<TReply>(uint program, uint procedure, ArgumentsWriter? write, uint version = 3)
        where TReply : IXdrMessage<TReply>
    {
        var reply = await CallRawAsync(program, version, procedure, write);
        return Decode<TReply>(reply);
    }

    public static TReply Decode<TReply>(byte[] reply)
        where TReply : IXdrMessage<TReply>
    {
        var reader = new XdrReader(reply.AsMemory());
        Assert.True(RpcReplyHeader.TryRead(ref reader, out var header), "reply header");
        Assert.True(header.IsSuccess, $"RPC reply was {header}");
        Assert.True(TReply.TryRead(ref reader, out var value), $"decode {typeof(TReply).Name}");
        Assert.Equal(0, reader.Remaining);
        return value;
    }

    public static RpcReplyHeader Header(byte[] reply)
    {
        var reader = new XdrReader(reply.AsMemory());
        Assert.True(RpcReplyHeader.TryRead(ref reader, out var header), "reply header");
        return header;
    }

    public Task<TReply> NfsAsync<TReply, TArgs>(Nfs3Procedure procedure, TArgs args)
        where TReply : IXdrMessage<TReply>
        where TArgs : IXdrMessage<TArgs> =>
        CallAsync<TReply>(RpcConstants.NfsProgram, (uint)procedure, (ref XdrWriter w) => args.Write(ref w));

    public async Task<RpcReplyHeader> NullAsync(uint program = RpcConstants.NfsProgram, uint version = 3) =>
        Header(await CallRawAsync(program, version, 0, null));

    // Typed helpers for the common procedures.
    public Task<GetAttrReply> GetAttrAsync(NfsFileHandle handle) => NfsAsync<GetAttrReply, HandleArgs>(Nfs3Procedure.GetAttr, new HandleArgs(handle));

    public Task<LookupReply> LookupAsync(NfsFileHandle dir, string name) =>
        NfsAsync<LookupReply, DirOpArgs>(Nfs3Procedure.Lookup, new DirOpArgs(dir, NfsHarness.N(name)));

    public Task<CreateReply> CreateAsync(NfsFileHandle dir, string name, CreateMode mode = CreateMode.Guarded, uint? fileMode = 0x1A4, ulong verifier = 0) =>
        NfsAsync<CreateReply, CreateArgs>(Nfs3Procedure.Create, new CreateArgs(new DirOpArgs(dir, NfsHarness.N(name)), mode, new Nfs3SetAttributes(fileMode, null, null, null, default, default), verifier));

    public Task<CreateReply> MkdirAsync(NfsFileHandle dir, string name, uint mode = 0x1ED) =>
        NfsAsync<CreateReply, MkdirArgs>(Nfs3Procedure.MakeDirectory, new MkdirArgs(new DirOpArgs(dir, NfsHarness.N(name)), new Nfs3SetAttributes(mode, null, null, null, default, default)));

    public Task<WriteReply> WriteAsync(NfsFileHandle file, ulong offset, byte[] data, StableHow stable = StableHow.Unstable) =>
        NfsAsync<WriteReply, WriteArgs>(Nfs3Procedure.Write, new WriteArgs(file, offset, (uint)data.Length, stable, data));

    public Task<ReadReply> ReadAsync(NfsFileHandle file, ulong offset, uint count) =>
        NfsAsync<ReadReply, ReadArgs>(Nfs3Procedure.Read, new ReadArgs(file, offset, count));

    public Task<WccReply> RemoveAsync(NfsFileHandle dir, string name) =>
        NfsAsync<WccReply, DirOpArgs>(Nfs3Procedure.Remove, new DirOpArgs(dir, NfsHarness.N(name)));

    public Task<CommitReply> CommitAsync(NfsFileHandle file) => NfsAsync<CommitReply, CommitArgs>(Nfs3Procedure.Commit, new CommitArgs(file, 0, 0));

    public async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();
        try
        {
            await _session.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            _stop.Cancel();
            await _receiver.WaitAsync(TimeSpan.FromSeconds(30));
            _stop.Dispose();
        }
    }

    private async Task ReceiveAsync()
    {
        var input = _fromServer.Reader;
        while (true)
        {
            var result = await input.ReadAsync();
            var buffer = result.Buffer;
            while (RecordMarking.TryReadRecord(buffer, 64 * 1024 * 1024, out var length, out var end) == OperationStatus.Done)
            {
                var record = new byte[length];
                RecordMarking.CopyRecord(buffer.Slice(0, end), record);
                buffer = buffer.Slice(end);
                var xid = BinaryPrimitives.ReadUInt32BigEndian(record);
                ArrivalOrder.Enqueue(xid);
                if (_pending.TryRemove(xid, out var completion))
                {
                    completion.TrySetResult(record);
                }
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                foreach (var pending in _pending.Values)
                {
                    pending.TrySetException(new IOException("The server closed the connection."));
                }

                await input.CompleteAsync();
                return;
            }
        }
    }
}
