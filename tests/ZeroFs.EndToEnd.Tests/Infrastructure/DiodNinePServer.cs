using ZeroFs.Testing;

namespace ZeroFs.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The reference 9P server diod (Debian's diod 1.0.24) exporting a temp directory, run as root without
/// authentication like the rig's <c>ref-servers</c>. Used to prove the end-to-end tests themselves.
/// </summary>
internal sealed class DiodNinePServer : INinePServer
{
    private readonly TempDirectory _directory;
    private ServerProcess? _process;

    public DiodNinePServer(TempDirectory directory)
    {
        _directory = directory;
        Port = FreePort.Pick();
        Directory.CreateDirectory(Export);
    }

    public string Name => $"diod (127.0.0.1:{Port}, export {Export})";

    public int Port { get; }

    public string ExtraMountOptions => "aname=" + Export;

    /// <summary>Each reason was checked in diod's log or against the kernel client's behaviour.</summary>
    public string SuiteCapabilities => "";

    public IReadOnlyDictionary<string, string> KnownSuiteFailures { get; } = new Dictionary<string, string>
    {
        // diod maps a uid through the host's passwd (uid2user) and refuses the attach of an unknown uid with
        // EPERM; only uid 1000 exists on these hosts, so every check acting as uid 1001-1003 fails.
        ["perm_owner_group_other_classes"] = "uids 1001-1003 unknown to the host's passwd",
        ["perm_search_on_path_components"] = "uids 1001-1003 unknown to the host's passwd",
        ["perm_dir_write_needed_for_entries"] = "uids 1001-1003 unknown to the host's passwd",
        ["perm_chown_rules"] = "uids 1001-1003 unknown to the host's passwd",
        ["perm_write_by_non_owner_clears_setuid"] = "uids 1001-1003 unknown to the host's passwd",
        ["perm_truncate_by_non_owner_clears_setuid"] = "uids 1001-1003 unknown to the host's passwd",
        ["perm_sticky_dir"] = "uids 1001-1003 unknown to the host's passwd",
        ["perm_utimes_rules"] = "uids 1001-1003 unknown to the host's passwd",
        ["perm_truncate_needs_write"] = "uids 1001-1003 unknown to the host's passwd",
        ["xattr_permissions"] = "uids 1001-1003 unknown to the host's passwd",

        // diod's fids name paths, not inodes: Tgetattr on the fid of a renamed-over or unlinked open file
        // stats whatever the path names now (or ENOENT).
        ["rename_replaces_atomically"] = "path-based fids",
        ["unlinked_open_file_stays_usable"] = "path-based fids",

        // diod's locks: a lock on [0,100) conflicts with [100,200), Tgetlock answers EINVAL, and an unlock
        // through another fid of the same process leaves the lock in place.
        ["lock_conflicts_between_processes"] = "diod lock emulation",
        ["lock_getlk_reports_holder"] = "diod lock emulation",
        ["lock_released_on_any_close_and_exit"] = "diod lock emulation",
    };

    public IReadOnlyDictionary<string, string> UnsupportedStressors { get; } = new Dictionary<string, string>
    {
        ["hdd"] = "fstat of its unlinked open file fails with ENOENT (path-based fids)",
        ["fcntl"] = "Tgetlock answers EINVAL; the stressor then hangs in F_SETLKW",
        ["lockf"] = "spurious conflicts between disjoint ranges; the stressor hangs",
    };

    public string Diagnostics => $"diod log:\n{TextTail.Of(ReadLog(), 60)}";

    private string Export => _directory.Combine("export");

    private string LogPath => _directory.Combine("diod.log");

    public async Task StartAsync()
    {
        _process?.Dispose();
        var diod = new[] { "/usr/sbin/diod", "/usr/bin/diod" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("diod is not installed (apt-get install diod)");
        _process = ServerProcess.Start(
            diod,
            ["-f", "-n", "-l", $"127.0.0.1:{Port}", "-e", Export, "-L", LogPath, "-c", "/dev/null"],
            _directory.Path,
            new Dictionary<string, string>());
        await _process.WaitForPortAsync(Port, TimeSpan.FromSeconds(30), "diod");
    }

    public void Kill() => _process?.Kill();

    public void Dispose() => _process?.Dispose();

    private string ReadLog()
    {
        try
        {
            return File.ReadAllText(LogPath) + (_process?.Log ?? "");
        }
        catch (IOException e)
        {
            return $"(no log: {e.Message})";
        }
    }
}
