using ZeroFs.Testing;
namespace ZeroFs.Cli.Tests;

public sealed class RunCommandTests
{
    private const string KeyFile = "data/keys/zerofs.key";

    private const string LocalConfig = """
        [cache]
        dir = "./cache"
        disk_size_gb = 1
        [storage]
        url = "./data"
        encryption_password = "${ZEROFS_PASSWORD}"
        [servers.ninep]
        addresses = ["127.0.0.1:0"]
        [servers.nfs]
        addresses = ["127.0.0.1:0"]
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static Dictionary<string, string> Password(string password) => new() { ["ZEROFS_PASSWORD"] = password };

    private static async Task<TempDirectory> WithConfigAsync()
    {
        var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Combine("zerofs.toml"), LocalConfig);
        return dir;
    }

    private static async Task RunUntilReadyThenTermAsync(string workingDirectory, IReadOnlyDictionary<string, string> env, params string[] args)
    {
        using var process = ZerofsProcess.Start(workingDirectory, env, null, args);
        await process.WaitForStdoutAsync("Press Ctrl+C", Timeout);
        await process.SignalAsync("TERM");
        var exit = await process.WaitForExitAsync(Timeout);
        Assert.True(exit == 0, $"exit {exit}\nstderr:\n{process.Stderr}");
        Assert.Contains("Shut down cleanly", process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LocalStore_CreatesKeyFileAndStopsOnSigterm()
    {
        using var dir = await WithConfigAsync();

        using var process = ZerofsProcess.Start(dir.Path, Password("first-password"), null, "run", "-c", "zerofs.toml");
        await process.WaitForStdoutAsync("Press Ctrl+C", Timeout);

        Assert.True(File.Exists(dir.Combine(KeyFile)));
        var served = System.Text.RegularExpressions.Regex.Match(process.Stdout, @"ninep 127\.0\.0\.1:(\d+)");
        Assert.True(served.Success, process.Stdout);
        var port = int.Parse(served.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(0, port);
        Assert.Contains($"mount -t 9p -o trans=tcp,port={port},version=9p2000.L", process.Stdout, StringComparison.Ordinal);
        var nfs = System.Text.RegularExpressions.Regex.Match(process.Stdout, @"nfs 127\.0\.0\.1:(\d+)");
        Assert.True(nfs.Success, process.Stdout);
        Assert.Contains($"port={nfs.Groups[1].Value},mountport={nfs.Groups[1].Value} 127.0.0.1:/ /mnt/zerofs", process.Stdout, StringComparison.Ordinal);
        await using (var client = await ZeroFs.NineP.Client.NinePClient.ConnectAsync($"127.0.0.1:{port}"))
        {
            var root = await client.AttachAsync("root"u8, ""u8, 0);
            Assert.True(root.Qid.Type.HasFlag(ZeroFs.NineP.Protocol.QidType.Directory));
        }

        Assert.DoesNotContain("first-password", process.Stdout + process.Stderr, StringComparison.Ordinal);

        await process.SignalAsync("TERM");
        Assert.Equal(0, await process.WaitForExitAsync(Timeout));
        Assert.Contains("Received SIGTERM", process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WrongPassword_ExitsOneAndWritesNothing()
    {
        using var dir = await WithConfigAsync();
        await RunUntilReadyThenTermAsync(dir.Path, Password("right-password"), "run", "-c", "zerofs.toml");
        var before = await File.ReadAllBytesAsync(dir.Combine(KeyFile));

        var (exit, _, stderr) = await ZerofsProcess.RunAsync(dir.Path, Password("wrong-password"), null, "run", "-c", "zerofs.toml");

        Assert.Equal(1, exit);
        Assert.Contains("error: wrong password", stderr, StringComparison.Ordinal);
        Assert.Contains("zerofs.toml", stderr, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(dir.Combine(KeyFile)));
    }

    [Fact]
    public async Task ChangePassword_ThenRunWithNewWorksAndOldFails()
    {
        using var dir = await WithConfigAsync();
        await RunUntilReadyThenTermAsync(dir.Path, Password("old-password"), "run", "-c", "zerofs.toml");

        var (changed, stdout, stderr) = await ZerofsProcess.RunAsync(
            dir.Path, Password("old-password"), "new-password\n", "change-password", "-c", "zerofs.toml");
        Assert.True(changed == 0, stderr);
        Assert.Contains("Password changed", stdout, StringComparison.Ordinal);

        await RunUntilReadyThenTermAsync(dir.Path, Password("new-password"), "run", "-c", "zerofs.toml");
        var (old, _, oldStderr) = await ZerofsProcess.RunAsync(dir.Path, Password("old-password"), null, "run", "-c", "zerofs.toml");
        Assert.Equal(1, old);
        Assert.Contains("wrong password", oldStderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "no new password on stdin")]
    [InlineData("short\n", "the new password is too short")]
    public async Task ChangePassword_BadNewPassword_ExitsTwo(string stdin, string expected)
    {
        using var dir = await WithConfigAsync();

        var (exit, _, stderr) = await ZerofsProcess.RunAsync(dir.Path, Password("old-password"), stdin, "change-password", "-c", "zerofs.toml");

        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_UninitialisedStore_ExitsOne()
    {
        using var dir = await WithConfigAsync();

        var (exit, _, stderr) = await ZerofsProcess.RunAsync(
            dir.Path, Password("old-password"), "new-password\n", "change-password", "-c", "zerofs.toml");

        Assert.Equal(1, exit);
        Assert.Contains("is not initialised", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ReadOnlyOnEmptyStore_ExitsOneClearly()
    {
        using var dir = await WithConfigAsync();

        var (exit, _, stderr) = await ZerofsProcess.RunAsync(dir.Path, Password("password1"), null, "run", "-c", "zerofs.toml", "--read-only");

        Assert.Equal(1, exit);
        Assert.Contains("is not initialised", stderr, StringComparison.Ordinal);
        Assert.Contains("start a writer once", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine(KeyFile)));
    }

    [Fact]
    public async Task Run_EmbeddedDefaultWithoutPasswordOrTerminal_ExitsTwo()
    {
        using var dir = new TempDirectory();

        var (exit, _, stderr) = await ZerofsProcess.RunAsync(dir.Path, null, null, "run");

        Assert.Equal(2, exit);
        Assert.Contains("set ZEROFS_PASSWORD or run on a terminal", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("zerofs-data")));
    }

    [Fact]
    public async Task Run_EmbeddedDefaultWithPassword_ServesLocalDirectory()
    {
        using var dir = new TempDirectory();

        using var process = ZerofsProcess.Start(dir.Path, Password("password1"), null, "run", "--log-level", "warn");
        await process.WaitForStdoutAsync("Press Ctrl+C", Timeout);

        Assert.True(File.Exists(dir.Combine("zerofs-data/keys/zerofs.key")));
        Assert.Contains("ninep 127.0.0.1:5564", process.Stdout, StringComparison.Ordinal);
        Assert.Contains("nfs 127.0.0.1:2049", process.Stdout, StringComparison.Ordinal);
        Assert.Contains("nbd-client 127.0.0.1 10809", process.Stdout, StringComparison.Ordinal);
        Assert.Contains("port=5564", process.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("info:", process.Stderr, StringComparison.Ordinal);

        await process.SignalAsync("INT");
        Assert.Equal(0, await process.WaitForExitAsync(Timeout));
    }
}
