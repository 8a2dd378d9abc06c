using Microsoft.Extensions.Logging.Abstractions;
using ZeroFs.Hosting;
using ZeroFs.Hosting.Configuration;
using ZeroFs.Testing;

namespace ZeroFs.Cli.Tests;

/// <summary><c>zerofs compactor -c FILE</c> as a real process beside the bucket's writer.</summary>
public sealed class CompactorCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private const string Config = """
        [cache]
        dir = "./cache"
        disk_size_gb = 1
        [storage]
        url = "./data"
        encryption_password = "${ZEROFS_PASSWORD}"
        [lsm]
        compactor = "external"
        [servers.ninep]
        addresses = ["127.0.0.1:0"]
        """;

    private static readonly Dictionary<string, string> Env = new() { ["ZEROFS_PASSWORD"] = "compactor-password" };

    [Fact]
    public async Task Compactor_ClaimsTheRoleStopsOnSigtermAndIsFencedByANewerOne()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Combine("zerofs.toml"), Config);
        var options = ConfigLoader.LoadFile(dir.Combine("zerofs.toml"), name => Env.GetValueOrDefault(name));
        options = options with { Storage = options.Storage with { Url = dir.Combine("data") } };
        await using (var writer = new ZeroFsHost(options, AccessMode.Writer, null, NullLoggerFactory.Instance))
        {
            await writer.StartAsync();
            await writer.Database!.WaitDurableAsync(await writer.Database.PutAsync("k"u8, "v"u8));
        }

        using var first = ZerofsProcess.Start(dir.Path, Env, null, "compactor", "-c", "zerofs.toml");
        await first.WaitForStdoutAsync("Press Ctrl+C", Timeout);
        var (_, manifest, _) = await ZerofsProcess.RunAsync(dir.Path, Env, null, "debug", "manifest", "-c", "zerofs.toml");
        Assert.Contains("compactor epoch   1", manifest, StringComparison.Ordinal);

        using var second = ZerofsProcess.Start(dir.Path, Env, null, "compactor", "-c", "zerofs.toml");
        await second.WaitForStdoutAsync("Press Ctrl+C", Timeout);
        Assert.Equal(1, await first.WaitForExitAsync(Timeout));
        Assert.Contains("a newer compactor took over", first.Stderr, StringComparison.Ordinal);

        await second.SignalAsync("TERM");
        Assert.True(await second.WaitForExitAsync(Timeout) == 0, second.Stderr);
        Assert.Contains("Shut down cleanly", second.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compactor_UninitialisedBucket_ExitsOne()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Combine("zerofs.toml"), Config);

        var (exit, _, stderr) = await ZerofsProcess.RunAsync(dir.Path, Env, null, "compactor", "-c", "zerofs.toml");

        Assert.Equal(1, exit);
        Assert.Contains("not initialised", stderr, StringComparison.Ordinal);
    }
}
