using System.Text.RegularExpressions;
using ZeroFs.Hosting.Configuration;

namespace ZeroFs.Hosting.Tests.Configuration;

public sealed class ConfigTemplateTests
{
    [Fact]
    public void Template_WithVariablesSet_ParsesBack()
    {
        var env = ConfigTemplate.Variables.ToDictionary(name => name, name => $"value-of-{name}");

        var options = ConfigLoader.Parse(ConfigTemplate.Text, "zerofs.toml", name => env.GetValueOrDefault(name));

        Assert.Equal("value-of-HOME/.cache/zerofs", options.Cache.Dir);
        Assert.Equal("value-of-ZEROFS_PASSWORD", options.Storage.EncryptionPassword);
        Assert.NotNull(options.Servers.Nfs);
        Assert.NotNull(options.Servers.NineP);
        Assert.NotNull(options.Servers.Nbd);
        Assert.NotNull(options.Servers.Rpc);
        Assert.NotNull(options.Servers.WebUi);
        Assert.Equal("value-of-AWS_ACCESS_KEY_ID", options.Aws["access_key_id"]);
    }

    [Fact]
    public void Template_WithoutVariables_NamesFirstMissingOne()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(ConfigTemplate.Text, "zerofs.toml", _ => null));

        Assert.Contains("HOME", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("max_size_gb")]
    [InlineData("l0_max_ssts")]
    [InlineData("max_concurrent_compactions")]
    [InlineData("max_unflushed_gb")]
    [InlineData("async")]
    [InlineData("endpoint")]
    [InlineData("allow_http")]
    [InlineData("[wal]")]
    [InlineData("flush_interval_secs")]
    public void Template_DocumentsOptionalKey(string key) =>
        Assert.Contains(key, ConfigTemplate.Text, StringComparison.Ordinal);

    [Fact]
    public void Template_DocumentsLocalWalDurability()
    {
        Assert.Contains("durable on THIS MACHINE ONLY", ConfigTemplate.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_WithEveryCommentedKeyEnabled_StillParses()
    {
        // Uncomment "# key = value" lines (not prose) to prove every documented key is accepted.
        var keyLine = new Regex("^# ([a-z0-9_]+ = |\\[wal\\])");
        var text = string.Join('\n', ConfigTemplate.Text.Split('\n').Select(line => keyLine.IsMatch(line) ? line[2..] : line));
        var env = ConfigTemplate.Variables.Append("AWS_SESSION_TOKEN").ToDictionary(name => name, name => "v");

        var options = ConfigLoader.Parse(text, "zerofs.toml", name => env.GetValueOrDefault(name));

        Assert.Equal(100_000_000_000, options.FileSystem.MaxSizeBytes);
        Assert.Equal("file:///nvme/zerofs-wal", options.Wal?.Url);
        Assert.Equal("http://127.0.0.1:9000", options.Aws["endpoint"]);
    }
}
