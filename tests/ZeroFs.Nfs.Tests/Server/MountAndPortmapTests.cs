using System.Text;
using ZeroFs.FileSystem;
using ZeroFs.Nfs.Mount;
using ZeroFs.Nfs.Nfs3;
using ZeroFs.Nfs.Rpc;
using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Tests.Server;

/// <summary>MOUNT v3 and the portmapper on the NFS connection.</summary>
public sealed class MountAndPortmapTests
{
    [Fact]
    public async Task Mnt_Root_ReturnsRootHandle_WithFlavors_AndDumpListsIt()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect();
        var mounted = await c.CallAsync<MountReply>(RpcConstants.MountProgram, (uint)MountProcedure.Mount, (ref XdrWriter w) => new MountArgs("/"u8.ToArray()).Write(ref w));
        Assert.Equal(MountStatus.Ok, mounted.Status);
        Assert.Equal(h.RootHandle, mounted.Handle);
        Assert.Equal([RpcAuthFlavor.Sys, RpcAuthFlavor.None], mounted.Flavors);
        Assert.Equal(Nfs3Status.Ok, (await c.GetAttrAsync(mounted.Handle)).Status);

        var dump = await c.CallAsync<MountListReply>(RpcConstants.MountProgram, (uint)MountProcedure.Dump, null);
        var entry = Assert.Single(dump.Mounts);
        Assert.Equal("testhost", Encoding.UTF8.GetString(entry.Host.Span));
        Assert.Equal("/", Encoding.UTF8.GetString(entry.Directory.Span));

        var umnt = NfsTestClient.Header(await c.CallRawAsync(RpcConstants.MountProgram, 3, (uint)MountProcedure.Unmount, (ref XdrWriter w) => w.WriteOpaque("/"u8)));
        Assert.True(umnt.IsSuccess);
        Assert.Empty((await c.CallAsync<MountListReply>(RpcConstants.MountProgram, (uint)MountProcedure.Dump, null)).Mounts);
        await c.CallAsync<MountReply>(RpcConstants.MountProgram, (uint)MountProcedure.Mount, (ref XdrWriter w) => w.WriteOpaque("/"u8));
        Assert.True(NfsTestClient.Header(await c.CallRawAsync(RpcConstants.MountProgram, 3, (uint)MountProcedure.UnmountAll, null)).IsSuccess);
        Assert.Empty((await c.CallAsync<MountListReply>(RpcConstants.MountProgram, (uint)MountProcedure.Dump, null)).Mounts);
    }

    [Fact]
    public async Task Mnt_Subdirectory_ResolvesWithCallerCredentials()
    {
        await using var h = await NfsHarness.OpenAsync();
        var sub = (await h.Fs.MakeDirectoryAsync(new Credentials(1000, 1000), PosixFileSystem.RootId, NfsHarness.N("home"), 0x1C0)).Value;
        await h.Fs.CreateAsync(new Credentials(1000, 1000), sub.Id, NfsHarness.N("file"), 0x1A4, true);
        var alice = h.Connect(1000, 1000);
        var mounted = await alice.CallAsync<MountReply>(RpcConstants.MountProgram, (uint)MountProcedure.Mount, (ref XdrWriter w) => w.WriteOpaque("/home/"u8));
        Assert.Equal(MountStatus.Ok, mounted.Status);
        Assert.Equal(sub.Id, mounted.Handle.InodeId);
        var bob = h.Connect(1001, 1001);
        var denied = await bob.CallAsync<MountReply>(RpcConstants.MountProgram, (uint)MountProcedure.Mount, (ref XdrWriter w) => w.WriteOpaque("/home/x"u8));
        Assert.Equal(MountStatus.AccessDenied, denied.Status);
        var missing = await alice.CallAsync<MountReply>(RpcConstants.MountProgram, (uint)MountProcedure.Mount, (ref XdrWriter w) => w.WriteOpaque("/nope"u8));
        Assert.Equal(MountStatus.NoEntry, missing.Status);
        var file = await alice.CallAsync<MountReply>(RpcConstants.MountProgram, (uint)MountProcedure.Mount, (ref XdrWriter w) => w.WriteOpaque("/home/file"u8));
        Assert.Equal(MountStatus.NotDirectory, file.Status);
        var relative = await alice.CallAsync<MountReply>(RpcConstants.MountProgram, (uint)MountProcedure.Mount, (ref XdrWriter w) => w.WriteOpaque("home"u8));
        Assert.Equal(MountStatus.NoEntry, relative.Status);
    }

    [Fact]
    public async Task Export_ListsRootForEveryone()
    {
        await using var h = await NfsHarness.OpenAsync();
        var exports = await h.Connect().CallAsync<ExportReply>(RpcConstants.MountProgram, (uint)MountProcedure.Export, null);
        var export = Assert.Single(exports.Exports);
        Assert.Equal("/", Encoding.UTF8.GetString(export.Directory.Span));
        Assert.Empty(export.Groups);
    }

    [Fact]
    public async Task Portmap_GetPortAndDump()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect();
        var reply = await c.CallRawAsync(RpcConstants.PortmapProgram, 2, (uint)PortmapProcedure.GetPort, (ref XdrWriter w) =>
            new PortmapMapping(RpcConstants.NfsProgram, 3, RpcConstants.ProtocolTcp, 0).Write(ref w));
        var reader = new XdrReader(reply.AsMemory());
        Assert.True(RpcReplyHeader.TryRead(ref reader, out var header) && header.IsSuccess);
        Assert.True(reader.TryReadUInt32(out var port));
        Assert.Equal(0u, port); // in-memory pipes have no local port; the Kestrel test checks a real one

        var dump = await c.CallRawAsync(RpcConstants.PortmapProgram, 2, (uint)PortmapProcedure.Dump, null);
        reader = new XdrReader(dump.AsMemory());
        Assert.True(RpcReplyHeader.TryRead(ref reader, out _));
        var mappings = new List<PortmapMapping>();
        Assert.True(PortmapMapping.TryReadList(ref reader, mappings));
        Assert.Equal(
            [(RpcConstants.PortmapProgram, 2u), (RpcConstants.NfsProgram, 3u), (RpcConstants.MountProgram, 3u)],
            mappings.Select(m => (m.Program, m.Version)));
    }
}
