using System.IO.Pipelines;
using ZeroFs.Engine;
using ZeroFs.Engine.Readers;
using ZeroFs.FileSystem;
using ZeroFs.FileSystem.Storage;
using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;
using static ZeroFs.NineP.Server.Tests.ServerHarness;

namespace ZeroFs.NineP.Server.Tests;

/// <summary>A server over a read-only replica: reads work, every mutation is EROFS with no special casing in the server.</summary>
public sealed class ReadOnlyTests
{
    [Fact]
    public async Task ReadOnlyFileSystem_ReadsWork_MutationsAreErofs()
    {
        await using var harness = await StartAsync();
        var id = (await harness.Fs.CreateAsync(Credentials.Root, PosixFileSystem.RootId, N("f"), 0x1A4, true)).Value.Id;
        await harness.Fs.WriteAsync(Credentials.Root, id, 0, N("replica"));
        await harness.Fs.SyncAsync();

        await using var reader = await Db.OpenReaderAsync(harness.Store, null, harness.Key, ReaderOptions.Follow(), TimeProvider.System);
        await using var fs = await PosixFileSystem.OpenAsync(new ReaderFileSystemStore(reader), new FileSystemOptions(), TimeProvider.System);
        var server = new NinePServer(fs, new NinePServerOptions());
        var toServer = new Pipe();
        var toClient = new Pipe();
        var session = server.RunSessionAsync(new DuplexPipe(toServer.Reader, toClient.Writer), CancellationToken.None);
        await using (var client = await NinePClient.StartAsync(new DuplexPipe(toClient.Reader, toServer.Writer)))
        {
            var root = await client.AttachAsync("root"u8, ""u8, 0);
            var f = await client.WalkAsync(root.Fid, [N("f")]);
            await Errors.ExpectAsync(P9Errno.EROFS, () => client.LopenAsync(f.Fid, OpenFlags.ReadWrite));
            await client.LopenAsync(f.Fid, OpenFlags.ReadOnly);
            var buffer = new byte[16];
            Assert.Equal(7, await client.ReadAsync(f.Fid, 0, buffer));
            await Errors.ExpectAsync(P9Errno.EROFS, () => client.MkdirAsync(root.Fid, N("d"), 0x1ED, 0));
            await Errors.ExpectAsync(P9Errno.EROFS, () => client.UnlinkatAsync(root.Fid, N("f")));
            await Errors.ExpectAsync(P9Errno.EROFS, () => client.SetXattrAsync(f.Fid, N("user.x"), N("y")));
            await client.FsyncAsync(f.Fid);
        }

        await session.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
