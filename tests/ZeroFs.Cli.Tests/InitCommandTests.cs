using ZeroFs.Hosting.Configuration;
using ZeroFs.Testing;

namespace ZeroFs.Cli.Tests;

public sealed class InitCommandTests
{
    [Fact]
    public async Task Init_WritesTemplateThatParses()
    {
        using var dir = new TempDirectory();

        var (exit, _, _) = await ZerofsProcess.RunAsync(dir.Path, null, null, "init");

        Assert.Equal(0, exit);
        var path = dir.Combine("zerofs.toml");
        var env = ConfigTemplate.Variables.ToDictionary(name => name, name => "value");
        var options = ConfigLoader.LoadFile(path, name => env.GetValueOrDefault(name));
        Assert.Equal("s3://your-bucket/zerofs-data", options.Storage.Url);
    }

    [Fact]
    public async Task Init_Dash_WritesToStdout()
    {
        using var dir = new TempDirectory();

        var (exit, stdout, _) = await ZerofsProcess.RunAsync(dir.Path, null, null, "init", "-");

        Assert.Equal(0, exit);
        Assert.Equal(ConfigTemplate.Text.TrimEnd(), stdout.TrimEnd());
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task Init_ExistingFile_RefusesWithoutForce()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("my.toml");
        await File.WriteAllTextAsync(path, "keep me");

        var (exit, _, stderr) = await ZerofsProcess.RunAsync(dir.Path, null, null, "init", "my.toml");

        Assert.Equal(2, exit);
        Assert.Contains("my.toml already exists; use --force", stderr, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(path));

        var (forced, _, _) = await ZerofsProcess.RunAsync(dir.Path, null, null, "init", "my.toml", "--force");

        Assert.Equal(0, forced);
        Assert.Equal(ConfigTemplate.Text, await File.ReadAllTextAsync(path));
    }
}
