using System.Buffers;
using ZeroFs.Nfs.Nfs3;
using ZeroFs.Nfs.Rpc;
using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Tests.Server;

/// <summary>RPC-level behaviour over in-memory pipes: errors for bad calls, framing limits, concurrency, isolation.</summary>
public sealed class RpcLayerTests
{
    [Fact]
    public async Task Null_EveryProgram_Succeeds()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect();
        Assert.True((await c.NullAsync(RpcConstants.NfsProgram, 3)).IsSuccess);
        Assert.True((await c.NullAsync(RpcConstants.MountProgram, 3)).IsSuccess);
        Assert.True((await c.NullAsync(RpcConstants.PortmapProgram, 2)).IsSuccess);
    }

    [Fact]
    public async Task UnknownProgram_ReturnsProgUnavail()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect();
        var header = await c.NullAsync(123456, 1);
        Assert.Equal(RpcReplyStatus.Accepted, header.ReplyStatus);
        Assert.Equal(RpcAcceptStatus.ProgramUnavailable, header.AcceptStatus);
    }

    [Theory]
    [InlineData(RpcConstants.NfsProgram, 2u, 3u)]
    [InlineData(RpcConstants.NfsProgram, 4u, 3u)]
    [InlineData(RpcConstants.MountProgram, 1u, 3u)]
    [InlineData(RpcConstants.PortmapProgram, 4u, 2u)]
    public async Task WrongVersion_ReturnsProgMismatchWithRange(uint program, uint version, uint served)
    {
        await using var h = await NfsHarness.OpenAsync();
        var header = await h.Connect().NullAsync(program, version);
        Assert.Equal(RpcAcceptStatus.ProgramMismatch, header.AcceptStatus);
        Assert.Equal(served, header.Low);
        Assert.Equal(served, header.High);
    }

    [Fact]
    public async Task UnknownProcedure_ReturnsProcUnavail()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect();
        Assert.Equal(RpcAcceptStatus.ProcedureUnavailable, NfsTestClient.Header(await c.CallRawAsync(RpcConstants.NfsProgram, 3, 22, null)).AcceptStatus);
        Assert.Equal(RpcAcceptStatus.ProcedureUnavailable, NfsTestClient.Header(await c.CallRawAsync(RpcConstants.MountProgram, 3, 6, null)).AcceptStatus);
        Assert.Equal(RpcAcceptStatus.ProcedureUnavailable, NfsTestClient.Header(await c.CallRawAsync(RpcConstants.PortmapProgram, 2, 5, null)).AcceptStatus);
    }

    [Fact]
    public async Task RpcVersionNot2_ReturnsRpcMismatch()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect();
        var (xid, record) = c.BuildCall(RpcConstants.NfsProgram, 3, 0, null);
        record[11] = 3; // rpcvers
        var header = NfsTestClient.Header(await c.SendAndWaitAsync(xid, record));
        Assert.Equal(RpcReplyStatus.Denied, header.ReplyStatus);
        Assert.Equal(RpcRejectStatus.RpcMismatch, header.RejectStatus);
        Assert.Equal(2u, header.Low);
        Assert.Equal(2u, header.High);
        Assert.True((await c.NullAsync()).IsSuccess);
    }

    [Fact]
    public async Task UnsupportedFlavor_ReturnsAuthTooWeak_MalformedAuthSys_ReturnsBadCred()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect();
        var (xid, record) = c.BuildCall(RpcConstants.NfsProgram, 3, 0, null);
        record[27] = (byte)RpcAuthFlavor.Dh; // credential flavor
        var header = NfsTestClient.Header(await c.SendAndWaitAsync(xid, record));
        Assert.Equal(RpcRejectStatus.AuthError, header.RejectStatus);
        Assert.Equal(RpcAuthStatus.TooWeak, header.AuthStatus);

        // AUTH_SYS whose body claims 17 groups (more than the 16 allowed).
        var body = new ArrayBufferWriter<byte>();
        var w = new XdrWriter(body);
        w.WriteUInt32((uint)Interlocked.Increment(ref _xid));
        w.WriteUInt32(0);
        w.WriteUInt32(2);
        w.WriteUInt32(RpcConstants.NfsProgram);
        w.WriteUInt32(3);
        w.WriteUInt32(0);
        w.WriteUInt32((uint)RpcAuthFlavor.Sys);
        w.WriteUInt32(5 * 4);
        w.WriteUInt32(1);
        w.WriteUInt32(0);
        w.WriteUInt32(1000);
        w.WriteUInt32(1000);
        w.WriteUInt32(17);
        w.WriteUInt32(0);
        w.WriteUInt32(0);
        w.Commit();
        var bad = body.WrittenSpan.ToArray();
        header = NfsTestClient.Header(await c.SendAndWaitAsync((uint)_xid, bad));
        Assert.Equal(RpcRejectStatus.AuthError, header.RejectStatus);
        Assert.Equal(RpcAuthStatus.BadCredentials, header.AuthStatus);
        Assert.True((await c.NullAsync()).IsSuccess);
    }

    private static readonly (uint Program, uint Version)[] Programs =
        [(RpcConstants.NfsProgram, 3), (RpcConstants.MountProgram, 3), (RpcConstants.PortmapProgram, 2)];

    private static int _xid = 1 << 24;

    [Fact]
    public async Task TruncatedArguments_ReturnGarbageArgs_ConnectionSurvives()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect();
        var (xid, full) = c.BuildCall(RpcConstants.NfsProgram, 3, (uint)Nfs3Procedure.Lookup, (ref XdrWriter w) =>
            new DirOpArgs(h.RootHandle, NfsHarness.N("name")).Write(ref w));
        for (var cut = full.Length - 1; cut > 40; cut -= 3)
        {
            var truncated = full[..cut];
            var header = NfsTestClient.Header(await c.SendAndWaitAsync(xid, truncated));
            Assert.True(header.AcceptStatus == RpcAcceptStatus.GarbageArguments, $"cut at {cut}: {header}");
        }

        Assert.True((await c.NullAsync()).IsSuccess);
    }

    [Fact]
    public async Task RandomRecords_NeverCrash_OtherClientsUnaffected()
    {
        await using var h = await NfsHarness.OpenAsync();
        var fuzzed = h.Connect();
        var bystander = h.Connect();
        var rng = new Random(7);
        var template = fuzzed.BuildCall(RpcConstants.NfsProgram, 3, (uint)Nfs3Procedure.SetAttr, (ref XdrWriter w) =>
            new SetAttrArgs(h.RootHandle, new Nfs3SetAttributes(0x1FF, 5, 5, 10, new SetTime(TimeHow.ServerTime, default), default), null).Write(ref w)).Record;
        for (var i = 0; i < 400; i++)
        {
            byte[] record;
            if (i % 2 == 0)
            {
                record = new byte[rng.Next(0, 200)];
                rng.NextBytes(record);
            }
            else
            {
                // A valid header with random bytes after it: every program and procedure sees garbage.
                record = template.ToArray();
                var (program, version) = Programs[rng.Next(Programs.Length)];
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(12), program);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(16), version);
                record[23] = (byte)rng.Next(0, 25); // procedure
                for (var j = 40 + rng.Next(0, 10); j < record.Length; j++)
                {
                    record[j] = (byte)rng.Next(256);
                }

                record = record[..rng.Next(40, record.Length + 1)];
            }

            await fuzzed.SendRecordAsync(record, 1 + rng.Next(3));
            if (i % 50 == 0)
            {
                Assert.True((await bystander.NullAsync()).IsSuccess);
            }
        }

        Assert.True((await fuzzed.NullAsync()).IsSuccess);
        Assert.True((await bystander.GetAttrAsync(h.RootHandle)).Status == Nfs3Status.Ok);
    }

    [Fact]
    public async Task MultiFragmentRecord_IsReassembled()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect();
        var (xid, record) = c.BuildCall(RpcConstants.NfsProgram, 3, (uint)Nfs3Procedure.GetAttr, (ref XdrWriter w) => h.RootHandle.Write(ref w));
        var reply = NfsTestClient.Decode<GetAttrReply>(await c.SendAndWaitAsync(xid, record, fragments: 7));
        Assert.Equal(Nfs3Status.Ok, reply.Status);
        Assert.Equal(Nfs3FileType.Directory, reply.Attributes.Type);
    }

    [Fact]
    public async Task OversizedFragment_ClosesConnectionBeforeData()
    {
        await using var h = await NfsHarness.OpenAsync(new NfsServerOptions { MaxRecordSize = (256 * 1024) + 4096, MaxTransferSize = 256 * 1024 });
        var c = h.Connect();
        var bystander = h.Connect();
        var header = new byte[4];
        RecordMarking.WriteHeader(header, 300 * 1024, last: true);
        await c.SendBytesAsync(header); // only the header: the server must not wait for 300 KiB
        await c.Closed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True((await bystander.NullAsync()).IsSuccess);
    }

    [Fact]
    public async Task OversizedAcrossFragments_ClosesConnection()
    {
        await using var h = await NfsHarness.OpenAsync(new NfsServerOptions { MaxRecordSize = (256 * 1024) + 4096, MaxTransferSize = 256 * 1024 });
        var c = h.Connect();
        var fragment = new byte[4 + (200 * 1024)];
        RecordMarking.WriteHeader(fragment, 200 * 1024, last: false);
        await c.SendBytesAsync(fragment);
        await c.SendBytesAsync(fragment);
        await c.Closed.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ManyOutstandingCalls_AllAnsweredByXid()
    {
        await using var h = await NfsHarness.OpenAsync(new NfsServerOptions { MaxRequestsInFlight = 8 });
        var c = h.Connect();
        var waits = new List<(uint Xid, Task<byte[]> Reply)>();
        var batch = new List<byte>();
        for (var i = 0; i < 100; i++)
        {
            var name = $"f{i}";
            var (xid, record) = c.BuildCall(RpcConstants.NfsProgram, 3, (uint)Nfs3Procedure.Create, (ref XdrWriter w) =>
                new CreateArgs(new DirOpArgs(h.RootHandle, NfsHarness.N(name)), CreateMode.Guarded, default, 0).Write(ref w));
            waits.Add((xid, c.Expect(xid)));
            batch.AddRange(NfsTestClient.Frame(record));
        }

        await c.SendBytesAsync(batch.ToArray()); // all 100 calls in one write
        foreach (var (xid, reply) in waits)
        {
            var created = NfsTestClient.Decode<CreateReply>(await reply.WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.Equal(Nfs3Status.Ok, created.Status);
        }

        Assert.Equal(100, c.ArrivalOrder.Count);
        Assert.Equal(102, (await h.Fs.ReadDirectoryAsync(FileSystem.Credentials.Root, FileSystem.PosixFileSystem.RootId, 0, 1000)).Value.Entries.Count);
    }

    [Fact]
    public async Task NonCallRecords_AreDropped_WithoutReply()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect();
        await c.SendRecordAsync([1, 2, 3]);
        await c.SendRecordAsync([0, 0, 0, 9, 0, 0, 0, 1]); // a REPLY
        Assert.True((await c.NullAsync()).IsSuccess);
        Assert.Single(c.ArrivalOrder);
    }
}
