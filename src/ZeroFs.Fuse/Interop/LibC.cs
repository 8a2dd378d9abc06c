using System.Runtime.InteropServices;

namespace ZeroFs.Fuse.Interop;

/// <summary>The few libc calls the mount needs.</summary>
internal static partial class LibC
{
    /// <summary>geteuid(2).</summary>
    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();
}
