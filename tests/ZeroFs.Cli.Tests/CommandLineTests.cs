using ZeroFs.Testing;
namespace ZeroFs.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Version_PrintsNameAndVersion()
    {
        using var dir = new TempDirectory();

        var (exit, stdout, _) = await ZerofsProcess.RunAsync(dir.Path, null, null, "--version");

        Assert.Equal(0, exit);
        Assert.Matches(@"^zerofs \d+\.\d+\.\d+", stdout);
    }

    [Fact]
    public async Task Help_ListsVerbs()
    {
        using var dir = new TempDirectory();

        var (exit, stdout, _) = await ZerofsProcess.RunAsync(dir.Path, null, null, "--help");

        Assert.Equal(0, exit);
        Assert.Contains("init", stdout, StringComparison.Ordinal);
        Assert.Contains("run", stdout, StringComparison.Ordinal);
        Assert.Contains("change-password", stdout, StringComparison.Ordinal);
        Assert.Contains("Not available in this build", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownVerb_ExitsTwo()
    {
        using var dir = new TempDirectory();

        var (exit, _, stderr) = await ZerofsProcess.RunAsync(dir.Path, null, null, "frobnicate");

        Assert.Equal(2, exit);
        Assert.Contains("frobnicate", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnavailableVerb_ExitsOne()
    {
        using var dir = new TempDirectory();

        var (exit, _, stderr) = await ZerofsProcess.RunAsync(dir.Path, null, null, "flush", "-c", "x.toml");

        Assert.Equal(1, exit);
        Assert.Contains("'zerofs flush' is not available in this build", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlyWithCheckpoint_ExitsTwo()
    {
        using var dir = new TempDirectory();

        var (exit, _, stderr) = await ZerofsProcess.RunAsync(dir.Path, null, null, "run", "--read-only", "--checkpoint", "daily");

        Assert.Equal(2, exit);
        Assert.Contains("--read-only and --checkpoint cannot be used together", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadLogLevelVariable_ExitsTwo()
    {
        using var dir = new TempDirectory();
        var env = new Dictionary<string, string> { ["ZEROFS_LOG"] = "chatty", ["ZEROFS_PASSWORD"] = "password1" };

        var (exit, _, stderr) = await ZerofsProcess.RunAsync(dir.Path, env, null, "run");

        Assert.Equal(2, exit);
        Assert.Contains("ZEROFS_LOG=chatty is not a log level", stderr, StringComparison.Ordinal);
    }
}
