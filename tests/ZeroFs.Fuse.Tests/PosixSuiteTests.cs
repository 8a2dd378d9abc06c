namespace ZeroFs.Fuse.Tests;

/// <summary>
/// The project's POSIX suite (tests/posix/posix_suite.py, copied next to the tests) on a FUSE mount of
/// <c>zerofs run</c>: as root (with its root-only checks and the permission checks as uids 1000-1003)
/// and as uid 1000. It must exit 0: every check passes or is skipped by a capability this front end
/// legitimately lacks.
/// </summary>
public sealed class PosixSuiteTests : IAsyncLifetime
{
    /// <summary>
    /// groups, xattr-empty: 9P2000.L carries only the uid (the server takes gid = uid, no supplementary
    /// groups) and an empty Txattrcreate is a removal; atime, sparse: the filesystem is noatime and keeps
    /// no per-inode allocation count (tests/posix/README.md).
    /// </summary>
    private const string Capabilities = "--no-groups --no-xattr-empty --no-atime --no-sparse";

    private static readonly string Suite = Path.Combine(AppContext.BaseDirectory, "posix", "posix_suite.py");

    private ZerofsServer _server = null!;
    private TestMount _mount = null!;

    public async Task InitializeAsync()
    {
        _server = await ZerofsServer.StartAsync();
        _mount = await TestMount.StartAsync(_server);
    }

    public async Task DisposeAsync()
    {
        await _mount.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Suite_AsRoot_Passes()
    {
        var (exit, output, error) = await Shell.RunAsync(Shell.Python, [Suite, .. Capabilities.Split(' '), _mount.Path], null);
        Assert.True(exit == 0, $"posix_suite exited {exit}:\n{output}\n{error}");
        Assert.Contains(" 0 failed", output, StringComparison.Ordinal);
        Assert.Contains("as uid 0 gid 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suite_WithTheWritebackCache_AsRoot_Passes()
    {
        // The kernel then widens write-only opens, and keeps and sends mtime/ctime itself.
        await using var writeback = await TestMount.StartAsync(_server, o => o with { WritebackCache = true });
        var dir = writeback.Combine("writeback");
        Directory.CreateDirectory(dir);
        var (exit, output, error) = await Shell.RunAsync(Shell.Python, [Suite, .. Capabilities.Split(' '), "--readdir-count", "2000", dir], null);
        Assert.True(exit == 0, $"posix_suite exited {exit}:\n{output}\n{error}");
        Assert.Contains(" 0 failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suite_AsOtherUser_Passes()
    {
        var dir = _mount.Combine("user");
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, (UnixFileMode)0x1ff);

        // The root run lists 10,000 entries; 2,000 are enough to page readdir here.
        var (exit, output, error) = await Shell.RunAsync(
            "setpriv",
            [$"--reuid={Shell.OtherUser}", $"--regid={Shell.OtherUser}", "--clear-groups", Shell.Python, Suite, .. Capabilities.Split(' '), "--readdir-count", "2000", dir],
            null);
        Assert.True(exit == 0, $"posix_suite exited {exit}:\n{output}\n{error}");
        Assert.Contains(" 0 failed", output, StringComparison.Ordinal);
        Assert.Contains($"as uid {Shell.OtherUser} gid {Shell.OtherUser}", output, StringComparison.Ordinal);
    }
}
