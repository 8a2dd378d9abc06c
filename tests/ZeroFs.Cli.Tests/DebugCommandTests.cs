using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ZeroFs.Hosting;
using ZeroFs.Hosting.Configuration;
using ZeroFs.Testing;

namespace ZeroFs.Cli.Tests;

/// <summary><c>zerofs debug manifest|tables|verify</c> against a store an in-process writer filled.</summary>
public sealed class DebugCommandTests
{
    private const string Password = "debug-password";

    private const string Config = """
        [cache]
        dir = "./cache"
        disk_size_gb = 1
        [storage]
        url = "./data"
        encryption_password = "${ZEROFS_PASSWORD}"
        [servers.ninep]
        addresses = ["127.0.0.1:0"]
        """;

    private static readonly Dictionary<string, string> Env = new() { ["ZEROFS_PASSWORD"] = Password };

    [Fact]
    public async Task Debug_OnAFilledStore_PrintsManifestTablesAndVerifiesWithoutWriting()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Combine("zerofs.toml"), Config);
        await FillAsync(dir);
        var before = Snapshot(dir.Combine("data"));

        var (manifestExit, manifest, manifestErr) = await ZerofsProcess.RunAsync(dir.Path, Env, null, "debug", "manifest", "-c", "zerofs.toml");
        Assert.True(manifestExit == 0, manifestErr);
        Assert.Contains("writer epoch      1", manifest, StringComparison.Ordinal);
        Assert.Contains("L0 tables         1", manifest, StringComparison.Ordinal);

        var (tablesExit, tables, tablesErr) = await ZerofsProcess.RunAsync(dir.Path, Env, null, "debug", "tables", "-c", "zerofs.toml");
        Assert.True(tablesExit == 0, tablesErr);
        Assert.Contains("1 tables", tables, StringComparison.Ordinal);
        Assert.Contains(".. key-02999", tables, StringComparison.Ordinal); // the filesystem's own keys sort first

        var (verifyExit, verify, verifyErr) = await ZerofsProcess.RunAsync(dir.Path, Env, null, "debug", "verify", "-c", "zerofs.toml");
        Assert.True(verifyExit == 0, verifyErr + verify);
        Assert.Contains("1 tables", verify, StringComparison.Ordinal);
        Assert.Contains("all intact", verify, StringComparison.Ordinal);

        Assert.Equal(before, Snapshot(dir.Combine("data")));
    }

    [Fact]
    public async Task DebugVerify_FlippedByteInATable_ExitsOneNamingIt()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Combine("zerofs.toml"), Config);
        await FillAsync(dir);
        var table = Directory.GetFiles(dir.Combine("data", "sst")).Single();
        var bytes = await File.ReadAllBytesAsync(table);
        bytes[bytes.Length / 3] ^= 0x40;
        await File.WriteAllBytesAsync(table, bytes);

        var (exit, stdout, _) = await ZerofsProcess.RunAsync(dir.Path, Env, null, "debug", "verify", "-c", "zerofs.toml");

        Assert.Equal(1, exit);
        Assert.Contains($"DAMAGED sst/{Path.GetFileName(table)}", stdout, StringComparison.Ordinal);
        Assert.Contains("1 damaged", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_UninitialisedStore_ExitsOneAndCreatesNothing()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Combine("zerofs.toml"), Config);

        var (exit, _, stderr) = await ZerofsProcess.RunAsync(dir.Path, Env, null, "debug", "manifest", "-c", "zerofs.toml");

        Assert.Equal(1, exit);
        Assert.Contains("is not initialised", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("data", "keys", "zerofs.key")));
    }

    private static async Task FillAsync(TempDirectory dir)
    {
        var options = ConfigLoader.LoadFile(dir.Combine("zerofs.toml"), name => Env.GetValueOrDefault(name));
        options = options with { Storage = options.Storage with { Url = dir.Combine("data") } };
        await using var host = new ZeroFsHost(options, AccessMode.Writer, null, NullLoggerFactory.Instance);
        await host.StartAsync();
        var db = host.Database!;
        long last = 0;
        for (var i = 0; i < 3000; i++)
        {
            last = await db.PutAsync(Encoding.ASCII.GetBytes($"key-{i:D5}"), Encoding.ASCII.GetBytes($"value {i}"));
        }

        await db.WaitDurableAsync(last);
    }

    // Every file under the store with its size and write time: a read-only command changes none.
    private static string Snapshot(string root) => string.Join('\n', Directory
        .EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(f => $"{Path.GetRelativePath(root, f)} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f).Ticks}"));
}
