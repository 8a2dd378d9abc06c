using ZeroFs.Testing;
namespace ZeroFs.Cli.Tests;

public sealed class ConfigErrorTests
{
    private const string Valid = """
        [cache]
        dir = "./cache"
        disk_size_gb = 1
        [storage]
        url = "./data"
        encryption_password = "${ZEROFS_PASSWORD}"
        [servers.nfs]
        addresses = ["127.0.0.1:2049"]
        """;

    public static TheoryData<string, string> Cases => new()
    {
        { "[cache\n", "bad.toml:1: invalid TOML" },
        { Valid + "\nadresses = [\"127.0.0.1:1\"]", "bad.toml:9: unknown key 'servers.nfs.adresses'" },
        { Valid.Replace("[storage]", "[storge]", StringComparison.Ordinal), "bad.toml:4: unknown table [storge]" },
        { Valid.Replace("[servers.nfs]\naddresses = [\"127.0.0.1:2049\"]", string.Empty, StringComparison.Ordinal), "bad.toml: missing required table [servers]" },
        { Valid.Replace("ZEROFS_PASSWORD", "NOT_SET_ANYWHERE", StringComparison.Ordinal), "bad.toml:6: 'storage.encryption_password': environment variable NOT_SET_ANYWHERE is not set" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Run_BadConfig_ExitsTwoNamingTheProblem(string toml, string expected)
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Combine("bad.toml"), toml);
        var env = new Dictionary<string, string> { ["ZEROFS_PASSWORD"] = "password1" };

        var (exit, _, stderr) = await ZerofsProcess.RunAsync(dir.Path, env, null, "run", "-c", "bad.toml");

        Assert.Equal(2, exit);
        Assert.Contains($"error: {expected}", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("data")));
    }

    [Fact]
    public async Task Run_MissingConfigFile_ExitsTwo()
    {
        using var dir = new TempDirectory();

        var (exit, _, stderr) = await ZerofsProcess.RunAsync(dir.Path, null, null, "run", "-c", "nope.toml");

        Assert.Equal(2, exit);
        Assert.Contains("error: nope.toml: cannot read the config file", stderr, StringComparison.Ordinal);
    }
}
