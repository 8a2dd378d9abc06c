using System.Runtime.InteropServices;
using ZeroFs.Fuse.Interop;

namespace ZeroFs.Fuse.Tests;

/// <summary>The hand-written structs match the C layouts of glibc x86-64 and libfuse 3.14 (sizes from the headers).</summary>
public sealed unsafe class NativeLayoutTests
{
    [Fact]
    public void Sizes_MatchTheCHeaders()
    {
        Assert.Equal(144, sizeof(NativeStat));
        Assert.Equal(112, sizeof(NativeStatvfs));
        Assert.Equal(32, sizeof(NativeFlock));
        Assert.Equal(40, sizeof(FuseFileInfo));
        Assert.Equal(176, sizeof(FuseEntryParameters));
        Assert.Equal(16, sizeof(FuseContext));
        Assert.Equal(128, sizeof(FuseConnectionInfo));
        Assert.Equal(40, sizeof(FuseBuffer));
        Assert.Equal(16, sizeof(FuseForgetData));

        // 44 function pointers in struct fuse_lowlevel_ops (libfuse 3.14).
        Assert.Equal(44 * IntPtr.Size, sizeof(FuseLowLevelOperations));
    }

    [Fact]
    public void Offsets_MatchTheCHeaders()
    {
        Assert.Equal(16, (int)Marshal.OffsetOf<FuseFileInfo>(nameof(FuseFileInfo.FileHandle)));
        Assert.Equal(24, (int)Marshal.OffsetOf<FuseFileInfo>(nameof(FuseFileInfo.LockOwner)));
        Assert.Equal(24, (int)Marshal.OffsetOf<FuseConnectionInfo>(nameof(FuseConnectionInfo.Want)));
        Assert.Equal(160, (int)Marshal.OffsetOf<FuseEntryParameters>(nameof(FuseEntryParameters.AttributeTimeout)));
        Assert.Equal(16, (int)Marshal.OffsetOf<FuseBuffer>(nameof(FuseBuffer.Memory)));
    }
}
