using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Server.Locks;

namespace ZeroFs.NineP.Server.Tests;

public sealed class PosixLockTableTests
{
    private static readonly LockOwner A = new(1, 100, "host");
    private static readonly LockOwner B = new(1, 200, "host");
    private static readonly LockOwner C = new(2, 100, "host");

    [Fact]
    public void Set_ReadLocksOfTwoOwners_Coexist()
    {
        var table = new PosixLockTable();
        Assert.Equal(LockStatus.Success, table.Set(7, A, LockType.Read, 0, 100));
        Assert.Equal(LockStatus.Success, table.Set(7, B, LockType.Read, 50, 150));
        Assert.Equal(LockStatus.Blocked, table.Set(7, C, LockType.Write, 120, 130));
        Assert.Equal(LockStatus.Success, table.Set(7, C, LockType.Write, 150, 160));
    }

    [Fact]
    public void Set_WriteOverAnotherOwnersRange_IsBlockedAndChangesNothing()
    {
        var table = new PosixLockTable();
        table.Set(7, A, LockType.Write, 10, 20);
        Assert.Equal(LockStatus.Blocked, table.Set(7, B, LockType.Read, 19, 30));
        Assert.Equal(LockStatus.Success, table.Set(7, B, LockType.Read, 20, 30));
        Assert.Equal(LockStatus.Success, table.Set(8, B, LockType.Write, 10, 20)); // another inode
        Assert.Equal(2, table.Snapshot(7).Count);
    }

    [Fact]
    public void Set_UnlockInTheMiddle_SplitsTheRange()
    {
        var table = new PosixLockTable();
        table.Set(7, A, LockType.Write, 0, 100);
        table.Set(7, A, LockType.Unlock, 40, 60);
        Assert.Equal([new LockRange(A, LockType.Write, 0, 40), new LockRange(A, LockType.Write, 60, 100)], table.Snapshot(7));
        Assert.Equal(LockStatus.Success, table.Set(7, B, LockType.Write, 40, 60));
    }

    [Fact]
    public void Set_AdjacentAndOverlappingSameType_Merge()
    {
        var table = new PosixLockTable();
        table.Set(7, A, LockType.Read, 0, 10);
        table.Set(7, A, LockType.Read, 20, 30);
        table.Set(7, A, LockType.Read, 10, 20);
        Assert.Equal([new LockRange(A, LockType.Read, 0, 30)], table.Snapshot(7));
        table.Set(7, A, LockType.Read, 25, ulong.MaxValue);
        Assert.Equal([new LockRange(A, LockType.Read, 0, ulong.MaxValue)], table.Snapshot(7));
    }

    [Fact]
    public void Set_OwnRangeOfOtherType_IsReplacedWhereCovered()
    {
        var table = new PosixLockTable();
        table.Set(7, A, LockType.Read, 0, 100);
        Assert.Equal(LockStatus.Success, table.Set(7, A, LockType.Write, 30, 70)); // upgrade: own locks never conflict
        Assert.Equal(
            [new LockRange(A, LockType.Read, 0, 30), new LockRange(A, LockType.Write, 30, 70), new LockRange(A, LockType.Read, 70, 100)],
            table.Snapshot(7));
    }

    [Fact]
    public void TryGetConflict_ReportsTheBlockingRange()
    {
        var table = new PosixLockTable();
        table.Set(7, A, LockType.Read, 5, 15);
        Assert.False(table.TryGetConflict(7, B, LockType.Read, 0, 100, out _));
        Assert.True(table.TryGetConflict(7, B, LockType.Write, 0, 100, out var conflict));
        Assert.Equal(new LockRange(A, LockType.Read, 5, 15), conflict);
        Assert.False(table.TryGetConflict(7, A, LockType.Write, 0, 100, out _));
    }

    [Fact]
    public void ReleaseOwnerAndSession_DropOnlyTheirRanges()
    {
        var table = new PosixLockTable();
        table.Set(7, A, LockType.Read, 0, 10);
        table.Set(7, B, LockType.Read, 0, 10);
        table.Set(7, C, LockType.Read, 0, 10);
        table.ReleaseOwner(7, A);
        Assert.Equal([B, C], table.Snapshot(7).Select(r => r.Owner));
        table.ReleaseSession(1);
        Assert.Equal([C], table.Snapshot(7).Select(r => r.Owner));
        table.ReleaseSession(2);
        Assert.Empty(table.Snapshot(7));
    }

    [Theory]
    [InlineData(10ul, 0ul, 10ul, ulong.MaxValue, 0ul)]
    [InlineData(10ul, 5ul, 10ul, 15ul, 5ul)]
    [InlineData(ulong.MaxValue - 1, 5ul, ulong.MaxValue - 1, ulong.MaxValue, 0ul)]
    public void FromWire_LengthZeroOrOverflow_RunsToEof(ulong start, ulong length, ulong expectedStart, ulong expectedEnd, ulong wireLength)
    {
        var (s, e) = LockRange.FromWire(start, length);
        Assert.Equal((expectedStart, expectedEnd), (s, e));
        Assert.Equal(wireLength, new LockRange(A, LockType.Read, s, e).WireLength);
    }
}
