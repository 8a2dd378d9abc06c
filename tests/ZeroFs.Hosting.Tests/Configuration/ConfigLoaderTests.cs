using System.Net;
using ZeroFs.Crypto;
using ZeroFs.Hosting.Configuration;

namespace ZeroFs.Hosting.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    private const string File = "test.toml";

    // The example from CLI.md "Configuration (TOML)", verbatim.
    private const string FullExample = """
        [cache]
        dir = "${HOME}/.cache/zerofs"
        disk_size_gb = 10.0
        memory_size_gb = 1.0

        [storage]
        url = "s3://my-bucket/zerofs-data"
        encryption_password = "${ZEROFS_PASSWORD}"

        [filesystem]
        max_size_gb = 100.0          # quota: ENOSPC beyond it
        compression = "zstd-3"       # "lz4" or "zstd-1".."zstd-22"; change any time

        [lsm]
        flush_interval_secs = 30
        wal_enabled = true
        compactor = "embedded"       # or "external" when `zerofs compactor` runs elsewhere

        [wal]                        # optional separate WAL store
        url = "file:///nvme/zerofs-wal"

        [servers.nfs]
        addresses = ["127.0.0.1:2049"]
        [servers.ninep]
        addresses = ["127.0.0.1:5564"]
        unix_socket = "/tmp/zerofs.9p.sock"
        [servers.nbd]
        addresses = ["127.0.0.1:10809"]
        unix_socket = "/tmp/zerofs.nbd.sock"
        [servers.rpc]
        addresses = ["127.0.0.1:7000"]
        unix_socket = "/tmp/zerofs.rpc.sock"
        [servers.webui]
        addresses = ["127.0.0.1:8080"]
        uid = 1000
        gid = 1000

        [aws]                        # string values; forwarded to the S3 client
        access_key_id = "${AWS_ACCESS_KEY_ID}"
        secret_access_key = "${AWS_SECRET_ACCESS_KEY}"
        endpoint = "http://127.0.0.1:9000"
        region = "us-east-1"
        allow_http = "true"
        """;

    private const string Minimal = """
        [cache]
        dir = "/var/cache/zerofs"
        disk_size_gb = 1
        [storage]
        url = "/srv/zerofs"
        encryption_password = "correct horse"
        [servers.nfs]
        addresses = ["127.0.0.1:2049"]
        """;

    private static readonly Dictionary<string, string> Env = new()
    {
        ["HOME"] = "/home/alice",
        ["ZEROFS_PASSWORD"] = "s3cret-password",
        ["AWS_ACCESS_KEY_ID"] = "AKIA123",
        ["AWS_SECRET_ACCESS_KEY"] = "shh",
    };

    private static ZeroFsOptions Parse(string text, IReadOnlyDictionary<string, string>? env = null) =>
        ConfigLoader.Parse(text, File, name => (env ?? Env).GetValueOrDefault(name));

    private static ConfigException Fails(string text, IReadOnlyDictionary<string, string>? env = null) =>
        Assert.Throws<ConfigException>(() => Parse(text, env));

    [Fact]
    public void Parse_FullCliMdExample_BindsEveryField()
    {
        var options = Parse(FullExample);

        Assert.Equal("/home/alice/.cache/zerofs", options.Cache.Dir);
        Assert.Equal(10_000_000_000, options.Cache.DiskSizeBytes);
        Assert.Equal(1_000_000_000, options.Cache.MemorySizeBytes);
        Assert.Equal("s3://my-bucket/zerofs-data", options.Storage.Url);
        Assert.Equal("s3cret-password", options.Storage.EncryptionPassword);
        Assert.Equal(100_000_000_000, options.FileSystem.MaxSizeBytes);
        Assert.Equal(new CompressionOptions(CompressionCodec.Zstd, 3), options.FileSystem.Compression);
        Assert.Equal(30, options.Lsm.FlushIntervalSecs);
        Assert.True(options.Lsm.WalEnabled);
        Assert.Equal(CompactorMode.Embedded, options.Lsm.Compactor);
        Assert.Equal("file:///nvme/zerofs-wal", options.Wal?.Url);
        Assert.Equal([IPEndPoint.Parse("127.0.0.1:2049")], options.Servers.Nfs?.Addresses);
        Assert.False(options.Servers.Nfs?.Async);
        Assert.Equal([IPEndPoint.Parse("127.0.0.1:5564")], options.Servers.NineP?.Addresses);
        Assert.Equal("/tmp/zerofs.9p.sock", options.Servers.NineP?.UnixSocket);
        Assert.Equal([IPEndPoint.Parse("127.0.0.1:10809")], options.Servers.Nbd?.Addresses);
        Assert.Equal("/tmp/zerofs.nbd.sock", options.Servers.Nbd?.UnixSocket);
        Assert.Equal([IPEndPoint.Parse("127.0.0.1:7000")], options.Servers.Rpc?.Addresses);
        Assert.Equal("/tmp/zerofs.rpc.sock", options.Servers.Rpc?.UnixSocket);
        Assert.Equal([IPEndPoint.Parse("127.0.0.1:8080")], options.Servers.WebUi?.Addresses);
        Assert.Equal(1000u, options.Servers.WebUi?.Uid);
        Assert.Equal(1000u, options.Servers.WebUi?.Gid);
        Assert.Equal("AKIA123", options.Aws["access_key_id"]);
        Assert.Equal("shh", options.Aws["secret_access_key"]);
        Assert.Equal("http://127.0.0.1:9000", options.Aws["endpoint"]);
        Assert.Equal("us-east-1", options.Aws["region"]);
        Assert.Equal("true", options.Aws["allow_http"]);
        Assert.Equal(File, options.SourcePath);
    }

    [Fact]
    public void Parse_Minimal_UsesRecordDefaults()
    {
        var options = Parse(Minimal);

        Assert.Equal(new FileSystemOptions(), options.FileSystem);
        Assert.Equal(new LsmOptions(), options.Lsm);
        Assert.Equal(250_000_000, options.Cache.MemorySizeBytes);
        Assert.Null(options.Wal);
        Assert.Null(options.FileSystem.MaxSizeBytes);
        Assert.Empty(options.Aws);
    }

    [Fact]
    public void StorageOptions_ToString_HidesPassword()
    {
        var text = Parse(Minimal).Storage.ToString();

        Assert.DoesNotContain("correct horse", text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cache")]
    [InlineData("storage")]
    [InlineData("servers")]
    public void Parse_MissingRequiredTable_NamesIt(string table)
    {
        var text = string.Join('\n', Minimal.Split('\n').Where(line => !line.StartsWith($"[{table}", StringComparison.Ordinal)
            && !BelongsTo(line, table)));

        var ex = Fails(text);

        Assert.Contains($"missing required table [{table}]", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{File}: ", ex.Message, StringComparison.Ordinal);
    }

    private static bool BelongsTo(string line, string table) => table switch
    {
        "cache" => line.StartsWith("dir", StringComparison.Ordinal) || line.StartsWith("disk_size_gb", StringComparison.Ordinal),
        "storage" => line.StartsWith("url", StringComparison.Ordinal) || line.StartsWith("encryption_password", StringComparison.Ordinal),
        _ => line.StartsWith("addresses", StringComparison.Ordinal),
    };

    [Theory]
    [InlineData("colour = \"blue\"\n" + Minimal, "unknown key 'colour'", 1)]
    [InlineData(Minimal + "\n\n[gc]\ninterval_secs = 60", "unknown table [gc]", 10)]
    [InlineData(Minimal + "\n\nadress = [\"127.0.0.1:1\"]", "unknown key 'servers.nfs.adress'", 10)]
    [InlineData(Minimal + "\n\nunix_socket = \"/tmp/nfs.sock\"", "unknown key 'servers.nfs.unix_socket'", 10)]
    [InlineData("[cache]\ndir = \"/c\"\ndisk_size_gb = 1\nsize = 3\n[storage]\nurl = \"/d\"\nencryption_password = \"pw123456\"\n[servers.nbd]\naddresses = [\"127.0.0.1:1\"]",
        "unknown key 'cache.size'", 4)]
    [InlineData(Minimal + "\n\n[servers.ftp]\naddresses = [\"127.0.0.1:21\"]", "unknown table [servers.ftp]", 10)]
    [InlineData(Minimal + "\n\n[lsm]\nwal_enable = true", "unknown key 'lsm.wal_enable'", 11)]
    public void Parse_UnknownKey_NamesKeyAndLine(string text, string expected, int line)
    {
        var ex = Fails(text);

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(line, ex.Line);
        Assert.StartsWith($"{File}:{line}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKey_ListsValidKeys()
    {
        var ex = Fails(Minimal + "\n\nadress = [\"127.0.0.1:1\"]");

        Assert.Contains("valid keys in [servers.nfs]: addresses, async", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[cache\ndir = 1", 1)]
    [InlineData("[cache]\ndir = \"unterminated\n", 2)]
    [InlineData("[cache]\ndir = \"a\"\ndir = \"b\"\n", 3)]
    public void Parse_InvalidToml_ReportsLine(string text, int line)
    {
        var ex = Fails(text);

        Assert.Contains("invalid TOML", ex.Message, StringComparison.Ordinal);
        Assert.Equal(line, ex.Line);
    }

    [Theory]
    [InlineData("disk_size_gb = 1", "disk_size_gb = \"ten\"", "'cache.disk_size_gb' must be a number of decimal GB", 3)]
    [InlineData("dir = \"/var/cache/zerofs\"", "dir = 5", "'cache.dir' must be a string, not a integer", 2)]
    [InlineData("addresses = [\"127.0.0.1:2049\"]", "addresses = \"127.0.0.1:2049\"", "'servers.nfs.addresses' must be an array", 8)]
    [InlineData("addresses = [\"127.0.0.1:2049\"]", "addresses = [2049]", "'servers.nfs.addresses[0]' must be a string", 8)]
    public void Parse_WrongType_NamesKeyTypeAndLine(string find, string replace, string expected, int line)
    {
        var ex = Fails(Minimal.Replace(find, replace, StringComparison.Ordinal));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(line, ex.Line);
    }

    [Fact]
    public void Parse_WrongTypeInLsm_NamesExpectedType()
    {
        var ex = Fails(Minimal + "\n\n[lsm]\nwal_enabled = \"yes\"");

        Assert.Contains("'lsm.wal_enabled' must be a boolean (true or false), not a string", ex.Message, StringComparison.Ordinal);
        Assert.Equal(11, ex.Line);
    }

    [Fact]
    public void Parse_SetVariable_Expands()
    {
        var text = Minimal.Replace("/srv/zerofs", "${DATA}/x-$DATA", StringComparison.Ordinal);

        var options = Parse(text, new Dictionary<string, string> { ["DATA"] = "/mnt" });

        Assert.Equal("/mnt/x-/mnt", options.Storage.Url);
    }

    [Fact]
    public void Parse_UnsetVariable_NamesVariableAndKey()
    {
        var ex = Fails(Minimal.Replace("correct horse", "${NOPE_NOT_SET}", StringComparison.Ordinal));

        Assert.Contains("environment variable NOPE_NOT_SET is not set", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'storage.encryption_password'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(6, ex.Line);
    }

    [Fact]
    public void Parse_DoubleDollar_IsLiteralDollar()
    {
        var options = Parse(Minimal.Replace("correct horse", "pa$$word$${X}", StringComparison.Ordinal));

        Assert.Equal("pa$word${X}", options.Storage.EncryptionPassword);
    }

    [Theory]
    [InlineData("pa$ word")]
    [InlineData("${UNCLOSED")]
    [InlineData("${1X}")]
    public void Parse_MalformedVariable_Fails(string password)
    {
        var ex = Fails(Minimal.Replace("correct horse", password, StringComparison.Ordinal));

        Assert.Contains("'storage.encryption_password'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(6, ex.Line);
    }

    [Fact]
    public void Parse_VariableInAddressAndAws_Expands()
    {
        var text = Minimal.Replace("127.0.0.1:2049", "${HOST}:${PORT}", StringComparison.Ordinal) + "\n[aws]\nregion = \"${REGION}\"";

        var options = Parse(text, new Dictionary<string, string> { ["HOST"] = "10.0.0.1", ["PORT"] = "3049", ["REGION"] = "eu-west-1" });

        Assert.Equal([IPEndPoint.Parse("10.0.0.1:3049")], options.Servers.Nfs?.Addresses);
        Assert.Equal("eu-west-1", options.Aws["region"]);
    }

    [Fact]
    public void Parse_VariableNotExpandedInCompression()
    {
        var ex = Fails(Minimal + "\n\n[filesystem]\ncompression = \"${C}\"", new Dictionary<string, string> { ["C"] = "lz4" });

        Assert.Contains("'filesystem.compression'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.5", 500_000_000)]
    [InlineData("2", 2_000_000_000)]
    [InlineData("0", 0)]
    [InlineData("1.234567891", 1_234_567_891)]
    public void Parse_Gigabytes_AreDecimal(string value, long bytes)
    {
        var options = Parse(Minimal.Replace("disk_size_gb = 1", $"disk_size_gb = {value}", StringComparison.Ordinal));

        Assert.Equal(bytes, options.Cache.DiskSizeBytes);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-0.5")]
    [InlineData("nan")]
    [InlineData("inf")]
    [InlineData("1e30")]
    public void Parse_Gigabytes_OutOfRange_Fails(string value)
    {
        var ex = Fails(Minimal.Replace("disk_size_gb = 1", $"disk_size_gb = {value}", StringComparison.Ordinal));

        Assert.Contains("'cache.disk_size_gb'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, ex.Line);
    }

    [Theory]
    [InlineData("localhost:2049")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("::1:2049")]
    [InlineData("[127.0.0.1]:2049")]
    [InlineData("10.1:2049")]
    public void Parse_BadAddress_Fails(string address)
    {
        var ex = Fails(Minimal.Replace("127.0.0.1:2049", address, StringComparison.Ordinal));

        Assert.Contains("is not a listen address", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'servers.nfs.addresses'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(8, ex.Line);
    }

    [Fact]
    public void Parse_Ipv6Address_Accepted()
    {
        var options = Parse(Minimal.Replace("127.0.0.1:2049", "[::1]:2049", StringComparison.Ordinal));

        Assert.Equal([new IPEndPoint(IPAddress.IPv6Loopback, 2049)], options.Servers.Nfs?.Addresses);
    }

    [Fact]
    public void Parse_SameAddressForTwoServers_Fails()
    {
        var ex = Fails(Minimal + "\n\n[servers.ninep]\naddresses = [\"127.0.0.1:2049\"]");

        Assert.Contains("already used by 'servers.nfs.addresses'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(11, ex.Line);
    }

    [Fact]
    public void Parse_NoListeners_Fails()
    {
        var ex = Fails(Minimal.Replace("addresses = [\"127.0.0.1:2049\"]", "addresses = []", StringComparison.Ordinal));

        Assert.Contains("no servers configured", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zstd-23")]
    [InlineData("gzip")]
    [InlineData("zstd-0")]
    public void Parse_BadCompression_Fails(string compression)
    {
        var ex = Fails(Minimal + $"\n\n[filesystem]\ncompression = \"{compression}\"");

        Assert.Contains("'filesystem.compression'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(compression, ex.Message, StringComparison.Ordinal);
        Assert.Equal(11, ex.Line);
    }

    [Theory]
    [InlineData("lz4", CompressionCodec.Lz4, 3)]
    [InlineData("zstd-1", CompressionCodec.Zstd, 1)]
    [InlineData("zstd-22", CompressionCodec.Zstd, 22)]
    public void Parse_Compression_Accepted(string compression, CompressionCodec codec, int level)
    {
        var options = Parse(Minimal + $"\n\n[filesystem]\ncompression = \"{compression}\"");

        Assert.Equal(codec, options.FileSystem.Compression.Codec);
        if (codec == CompressionCodec.Zstd)
        {
            Assert.Equal(level, options.FileSystem.Compression.ZstdLevel);
        }
    }

    [Theory]
    [InlineData("flush_interval_secs = 4", "'lsm.flush_interval_secs' = 4 is out of range")]
    [InlineData("compactor = \"sometimes\"", "is not a compactor mode")]
    [InlineData("l0_max_ssts = 2", "'lsm.l0_max_ssts' = 2 is out of range")]
    [InlineData("max_unflushed_gb = 0.01", "'lsm.max_unflushed_gb'")]
    public void Parse_LsmOutOfRange_Fails(string line, string expected)
    {
        var ex = Fails(Minimal + $"\n\n[lsm]\n{line}");

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(11, ex.Line);
    }

    [Fact]
    public void Parse_WalTableWithWalDisabled_Fails()
    {
        var ex = Fails(Minimal + "\n\n[lsm]\nwal_enabled = false\n[wal]\nurl = \"/nvme/wal\"");

        Assert.Contains("'lsm.wal_enabled' is false", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadStoreUrl_NamesKey()
    {
        var ex = Fails(Minimal.Replace("/srv/zerofs", "gs://bucket/x", StringComparison.Ordinal));

        Assert.Contains("'storage.url'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, ex.Line);
    }

    [Fact]
    public void Parse_UnknownAwsKeyWithS3Url_Fails()
    {
        var text = Minimal.Replace("/srv/zerofs", "s3://bucket/x", StringComparison.Ordinal) + "\n[aws]\nacess_key_id = \"x\"";

        var ex = Fails(text);

        Assert.Contains("[aws]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("acess_key_id", ex.Message, StringComparison.Ordinal);
        Assert.Equal(10, ex.Line);
    }

    [Fact]
    public void Parse_NonStringAwsValue_Fails()
    {
        var ex = Fails(Minimal + "\n\n[aws]\nallow_http = true");

        Assert.Contains("'aws.allow_http' must be a string", ex.Message, StringComparison.Ordinal);
        Assert.Equal(11, ex.Line);
    }

    [Fact]
    public void Parse_WebUiWithoutUid_Fails()
    {
        var ex = Fails(Minimal + "\n\n[servers.webui]\ngid = 1");

        Assert.Contains("missing required key 'servers.webui.uid'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(10, ex.Line);
    }

    [Fact]
    public void Parse_WebUiDefaultAddress()
    {
        var options = Parse(Minimal + "\n\n[servers.webui]\nuid = 1\ngid = 2");

        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 8080)], options.Servers.WebUi?.Addresses);
    }

    [Fact]
    public void Parse_DottedAndInlineTables_Bind()
    {
        const string Text = """
            cache = { dir = "/c", disk_size_gb = 1 }
            storage.url = "/d"
            storage.encryption_password = "password1"
            [servers]
            nbd.addresses = ["127.0.0.1:10809"]
            """;

        var options = Parse(Text);

        Assert.Equal("/c", options.Cache.Dir);
        Assert.Equal("/d", options.Storage.Url);
        Assert.Equal([IPEndPoint.Parse("127.0.0.1:10809")], options.Servers.Nbd?.Addresses);
    }

    [Fact]
    public void Parse_ArrayOfTables_Rejected()
    {
        var ex = Fails(Minimal + "\n\n[[servers.extra]]\nx = 1");

        Assert.Contains("[[servers.extra]]", ex.Message, StringComparison.Ordinal);
        Assert.Equal(10, ex.Line);
    }

    [Fact]
    public void LoadFile_Missing_SaysHowToCreateOne()
    {
        var path = Path.Combine(Path.GetTempPath(), $"zerofs-missing-{Guid.NewGuid():N}.toml");

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path, _ => null));

        Assert.Contains("zerofs init", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
    }
}
