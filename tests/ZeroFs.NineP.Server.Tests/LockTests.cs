using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;
using static ZeroFs.NineP.Server.Tests.ServerHarness;

namespace ZeroFs.NineP.Server.Tests;

/// <summary>Tlock/Tgetlock across sessions: conflicts, split and merge, release on clunk and on disconnect.</summary>
public sealed class LockTests
{
    private static readonly byte[] HostA = N("host-a");
    private static readonly byte[] HostB = N("host-b");

    [Fact]
    public async Task Locks_ConflictAcrossSessions_SplitAndReleaseOnClunk()
    {
        await using var harness = await StartAsync();
        await using var one = await harness.ConnectClientAsync();
        await using var two = await harness.ConnectClientAsync();
        var a = await OpenAsync(one.Client, create: true);
        var b = await OpenAsync(two.Client, create: false);

        Assert.Equal(LockStatus.Success, await one.Client.LockAsync(a, LockType.Write, LockFlags.None, 0, 100, 11, HostA));
        Assert.Equal(LockStatus.Blocked, await two.Client.LockAsync(b, LockType.Read, LockFlags.Block, 50, 10, 22, HostB));
        var conflict = await two.Client.GetlockAsync(b, LockType.Read, 50, 10, 22, HostB);
        Assert.Equal((LockType.Write, 0ul, 100ul, 11u), (conflict.LockType, conflict.Start, conflict.Length, conflict.ProcessId));
        Assert.Equal(HostA, conflict.ClientId);

        // Unlocking the middle splits the owner's range: the hole is free, the edges are not.
        Assert.Equal(LockStatus.Success, await one.Client.LockAsync(a, LockType.Unlock, LockFlags.None, 40, 20, 11, HostA));
        Assert.Equal(LockStatus.Success, await two.Client.LockAsync(b, LockType.Write, LockFlags.None, 45, 10, 22, HostB));
        Assert.Equal(LockStatus.Blocked, await two.Client.LockAsync(b, LockType.Write, LockFlags.None, 35, 10, 22, HostB));
        var right = await two.Client.GetlockAsync(b, LockType.Write, 59, 0, 22, HostB);
        Assert.Equal((LockType.Write, 60ul, 40ul), (right.LockType, right.Start, right.Length));

        // The same owner never conflicts with itself; a different proc_id on the same session does.
        Assert.Equal(LockStatus.Success, await one.Client.LockAsync(a, LockType.Read, LockFlags.None, 0, 10, 11, HostA));
        Assert.Equal(LockStatus.Blocked, await one.Client.LockAsync(a, LockType.Write, LockFlags.None, 0, 10, 12, HostA));

        // No conflict: Tgetlock echoes the request with type UNLCK.
        var free = await two.Client.GetlockAsync(b, LockType.Write, 1000, 5, 22, HostB);
        Assert.Equal((LockType.Unlock, 1000ul, 5ul, 22u), (free.LockType, free.Start, free.Length, free.ProcessId));

        // Clunking the fid the owner locked through releases its locks.
        await one.Client.ClunkAsync(a);
        Assert.Equal(LockStatus.Success, await two.Client.LockAsync(b, LockType.Write, LockFlags.None, 0, 0, 22, HostB));
    }

    [Fact]
    public async Task Locks_ReleasedWhenTheSessionEnds()
    {
        await using var harness = await StartAsync();
        await using var two = await harness.ConnectClientAsync();
        var b = await OpenAsync(two.Client, create: true);
        await using (var one = await harness.ConnectClientAsync())
        {
            var a = await OpenAsync(one.Client, create: false);
            Assert.Equal(LockStatus.Success, await one.Client.LockAsync(a, LockType.Read, LockFlags.None, 0, 0, 1, HostA));
            Assert.Equal(LockStatus.Blocked, await two.Client.LockAsync(b, LockType.Write, LockFlags.None, 10, 10, 2, HostB));
        }

        Assert.Equal(LockStatus.Success, await two.Client.LockAsync(b, LockType.Write, LockFlags.None, 10, 10, 2, HostB));
    }

    [Fact]
    public async Task Locks_NeedAnOpenFid_AnyOpenMode()
    {
        await using var harness = await StartAsync();
        await using var session = await harness.ConnectClientAsync();
        var client = session.Client;
        await OpenAsync(client, create: true);
        var root = await client.AttachAsync("root"u8, ""u8, 0);
        var reader = await client.WalkAsync(root.Fid, [N("locked")]);
        await Errors.ExpectAsync(P9Errno.EBADF, () => client.LockAsync(reader.Fid, LockType.Read, LockFlags.None, 0, 1, 1, HostA)); // not open
        await client.LopenAsync(reader.Fid, OpenFlags.ReadOnly);
        Assert.Equal(LockStatus.Success, await client.LockAsync(reader.Fid, LockType.Read, LockFlags.None, 0, 1, 1, HostA));
        // flock(LOCK_EX) on a read-only descriptor reaches the server as a write lock through a read-only fid.
        Assert.Equal(LockStatus.Success, await client.LockAsync(reader.Fid, LockType.Write, LockFlags.None, 0, 1, 1, HostA));
        await Errors.ExpectAsync(P9Errno.EINVAL, () => client.LockAsync(reader.Fid, (LockType)7, LockFlags.None, 0, 1, 1, HostA));
    }

    private static async Task<uint> OpenAsync(NinePClient client, bool create)
    {
        var root = await client.AttachAsync("root"u8, ""u8, 0);
        if (create)
        {
            var fid = await client.WalkAsync(root.Fid, []);
            await client.LcreateAsync(fid.Fid, N("locked"), OpenFlags.ReadWrite, 0x1B6, 0);
            return fid.Fid;
        }

        var walked = await client.WalkAsync(root.Fid, [N("locked")]);
        await client.LopenAsync(walked.Fid, OpenFlags.ReadWrite);
        return walked.Fid;
    }
}
