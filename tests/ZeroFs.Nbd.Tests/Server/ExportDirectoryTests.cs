using ZeroFs.Engine;
using ZeroFs.Engine.Readers;
using ZeroFs.FileSystem;
using ZeroFs.FileSystem.Storage;
using ZeroFs.Nbd.Server;
using static ZeroFs.Nbd.Tests.NbdTestHost;

namespace ZeroFs.Nbd.Tests.Server;

public sealed class ExportDirectoryTests
{
    [Fact]
    public async Task EnsureExportDirectory_Creates0755RootOwnedDirectory_AndIsIdempotent()
    {
        await using var host = await StartAsync();
        var found = await host.Fs.LookupAsync(Credentials.Root, PosixFileSystem.RootId, N(".nbd"));
        Assert.Equal(FsStatus.Ok, found.Status);
        Assert.Equal(FileType.Directory, found.Value.Type);
        Assert.Equal(0x1EDu, found.Value.Mode);
        Assert.Equal(0u, found.Value.Uid);
        Assert.Equal(0u, found.Value.Gid);
        await host.Server.EnsureExportDirectoryAsync(CancellationToken.None);
        Assert.Equal(found.Value.Id, (await host.Fs.LookupAsync(Credentials.Root, PosixFileSystem.RootId, N(".nbd"))).Value.Id);
    }

    [Fact]
    public async Task EnsureExportDirectory_NameIsAFile_Throws()
    {
        await using var host = await StartAsync();
        await host.Fs.CreateAsync(Credentials.Root, PosixFileSystem.RootId, N("blocks"), 0x1A4, true);
        var server = new NbdServer(host.Fs, new NbdServerOptions { ExportDirectory = "blocks" }, null);
        await Assert.ThrowsAsync<InvalidOperationException>(() => server.EnsureExportDirectoryAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadOnlyFileSystem_NoDirectoryCreated_ExportIsReadOnly_WritesArePermissionErrors()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", 1 << 20);
        await host.WriteExportAsync("disk", 0, [1, 2, 3]);
        await host.Fs.SyncAsync();
        await using var reader = await Db.OpenReaderAsync(host.Store, null, host.Key, ReaderOptions.Follow(), TimeProvider.System);
        var readOnly = await PosixFileSystem.OpenAsync(new ReaderFileSystemStore(reader), new FileSystemOptions(), TimeProvider.System);
        var server = new NbdServer(readOnly, new NbdServerOptions { ExportDirectory = "elsewhere" }, null);
        await server.EnsureExportDirectoryAsync(CancellationToken.None);
        Assert.Equal(FsStatus.NotFound, (await readOnly.LookupAsync(Credentials.Root, PosixFileSystem.RootId, N("elsewhere"))).Status);

        await using var client = RawNbdClient.Start(new NbdServer(readOnly, new NbdServerOptions(), null));
        var (size, flags) = await client.GoAsync("disk");
        Assert.Equal(1UL << 20, size);
        Assert.True(flags.HasFlag(Nbd.Protocol.TransmissionFlags.ReadOnly));
        Assert.False(flags.HasFlag(Nbd.Protocol.TransmissionFlags.SendTrim));
        Assert.Equal(new byte[] { 1, 2, 3 }, await client.ReadAsync(0, 3));
        Assert.Equal(1u, (await client.CallAsync(Nbd.Protocol.NbdCommand.Write, 0, 3, payload: [9, 9, 9])).Error);
        Assert.Equal(1u, (await client.CallAsync(Nbd.Protocol.NbdCommand.Trim, 0, 3)).Error);
        Assert.Equal(1u, (await client.CallAsync(Nbd.Protocol.NbdCommand.WriteZeroes, 0, 3)).Error);
        Assert.Equal(0u, (await client.CallAsync(Nbd.Protocol.NbdCommand.Flush, 0, 0)).Error);
        Assert.Equal(new byte[] { 1, 2, 3 }, await client.ReadAsync(0, 3));
        await client.DisconnectAsync();
    }

    [Fact]
    public void Options_Validate_RejectsProtocolViolations()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NbdServerOptions { MinimumBlockSize = 3 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new NbdServerOptions { MinimumBlockSize = 128 * 1024 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new NbdServerOptions { PreferredBlockSize = 256 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new NbdServerOptions { MaxPayload = 1000 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new NbdServerOptions { ExportDirectory = "a/b" }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new NbdServerOptions { MaxRequestsInFlight = 0 }.Validate());
        new NbdServerOptions().Validate();
        new NbdServerOptions { MinimumBlockSize = 512, PreferredBlockSize = 4096 }.Validate();
    }
}
