using System.Text;
using ZeroFs.Crypto;

namespace ZeroFs.Hosting.Configuration;

/// <summary>
/// Binds a TOML config file to <see cref="ZeroFsOptions"/> (CLI.md "Configuration"). Strict:
/// required tables must be present, unknown keys and tables are rejected, every value is
/// type- and range-checked, and every failure is a <see cref="ConfigException"/> naming the file,
/// the line and the key.
/// </summary>
public static partial class ConfigLoader
{
    /// <summary>Reads and binds a config file; <c>${VAR}</c> comes from the process environment.</summary>
    /// <exception cref="ConfigException">The file cannot be read or is invalid.</exception>
    public static ZeroFsOptions LoadFile(string path) => LoadFile(path, Environment.GetEnvironmentVariable);

    /// <summary>Reads and binds a config file with an explicit environment (tests).</summary>
    /// <exception cref="ConfigException">The file cannot be read or is invalid.</exception>
    public static ZeroFsOptions LoadFile(string path, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var hint = ex is FileNotFoundException or DirectoryNotFoundException
                ? "the file does not exist; create one with `zerofs init`"
                : ex.Message;
            throw new ConfigException(path, null, $"cannot read the config file: {hint}", ex);
        }

        return Parse(text, path, environment);
    }

    /// <summary>Binds config text.</summary>
    /// <param name="text">The TOML text.</param>
    /// <param name="filePath">The name used in error messages and kept in <see cref="ZeroFsOptions.SourcePath"/>.</param>
    /// <param name="environment">Looks up <c>${VAR}</c>; <see langword="null"/> = unset.</param>
    /// <exception cref="ConfigException">The text is invalid.</exception>
    public static ZeroFsOptions Parse(string text, string filePath, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(filePath);
        ArgumentNullException.ThrowIfNull(environment);

        var source = new ConfigSource(filePath, environment);
        var root = new TableReader(TomlTreeBuilder.Parse(text, filePath), source);

        // Known tables first, so that an unknown key is reported even when a required table is missing too.
        var cacheTable = root.GetTable("cache");
        var storageTable = root.GetTable("storage");
        var fileSystemTable = root.GetTable("filesystem");
        var lsmTable = root.GetTable("lsm");
        var walTable = root.GetTable("wal");
        var serversTable = root.GetTable("servers");
        var awsTable = root.GetTable("aws");
        root.RejectUnknownKeys();

        var cache = BindCache(cacheTable ?? root.GetRequiredTable("cache"));
        var storage = BindStorage(storageTable ?? root.GetRequiredTable("storage"));
        var servers = BindServers(serversTable ?? root.GetRequiredTable("servers"));
        var fileSystem = fileSystemTable is null ? new FileSystemOptions() : BindFileSystem(fileSystemTable);
        var lsm = lsmTable is null ? new LsmOptions() : BindLsm(lsmTable);
        var wal = walTable is null ? null : BindWal(walTable, lsm);
        var aws = awsTable is null ? new Dictionary<string, string>() : BindStringMap(awsTable);

        var options = new ZeroFsOptions
        {
            Cache = cache,
            Storage = storage,
            FileSystem = fileSystem,
            Lsm = lsm,
            Wal = wal,
            Servers = servers,
            Aws = aws,
            SourcePath = filePath,
        };
        StoreUrlValidator.Validate(options, source, storageTable, walTable, awsTable);
        return options;
    }

    private static CacheOptions BindCache(TableReader table)
    {
        var defaults = new CacheOptions { Dir = string.Empty, DiskSizeBytes = 0 };
        var dir = table.GetRequiredString("dir", expand: true);
        if (dir.Length == 0)
        {
            throw table.Source.Error(table.Find("dir")!.Line, "'cache.dir' is empty; name a directory for the local cache");
        }

        var options = new CacheOptions
        {
            Dir = dir,
            DiskSizeBytes = table.GetGigabytes("disk_size_gb") ?? throw table.MissingKey("disk_size_gb", "decimal GB, such as 10.0"),
            MemorySizeBytes = table.GetGigabytes("memory_size_gb") ?? defaults.MemorySizeBytes,
        };
        table.RejectUnknownKeys();
        return options;
    }

    private static StorageOptions BindStorage(TableReader table)
    {
        var url = table.GetRequiredString("url", expand: true);
        var password = table.GetRequiredString("encryption_password", expand: true);
        if (url.Length == 0)
        {
            throw table.Source.Error(table.Find("url")!.Line, "'storage.url' is empty; use a path, file:///abs/path, s3://bucket/prefix or memory://");
        }

        if (password.Length == 0)
        {
            throw table.Source.Error(
                table.Find("encryption_password")!.Line, "'storage.encryption_password' is empty; set a password (at least 8 characters)");
        }

        table.RejectUnknownKeys();
        return new StorageOptions { Url = url, EncryptionPassword = password };
    }

    private static FileSystemOptions BindFileSystem(TableReader table)
    {
        var defaults = new FileSystemOptions();
        var maxSize = table.GetGigabytes("max_size_gb");
        var compression = defaults.Compression;
        if (table.Find("compression") is { } entry)
        {
            try
            {
                compression = CompressionOptions.Parse(table.ReadString(entry, expand: false));
            }
            catch (FormatException ex)
            {
                throw table.Source.Error(entry.Line, $"'{entry.Path}': {ex.Message}", ex);
            }
        }

        table.RejectUnknownKeys();
        return new FileSystemOptions { MaxSizeBytes = maxSize, Compression = compression };
    }

    private static LsmOptions BindLsm(TableReader table)
    {
        var defaults = new LsmOptions();
        var compactor = defaults.Compactor;
        if (table.Find("compactor") is { } entry)
        {
            compactor = table.ReadString(entry, expand: false) switch
            {
                "embedded" => CompactorMode.Embedded,
                "external" => CompactorMode.External,
                var other => throw table.Source.Error(
                    entry.Line, $"'{entry.Path}' = \"{other}\" is not a compactor mode; use \"embedded\" or \"external\""),
            };
        }

        var options = new LsmOptions
        {
            FlushIntervalSecs = (int?)table.GetInteger("flush_interval_secs", LsmOptions.MinFlushIntervalSecs, 86_400)
                ?? defaults.FlushIntervalSecs,
            WalEnabled = table.GetBoolean("wal_enabled") ?? defaults.WalEnabled,
            Compactor = compactor,
            L0MaxSsts = (int?)table.GetInteger("l0_max_ssts", 4, 4096) ?? defaults.L0MaxSsts,
            MaxConcurrentCompactions = (int?)table.GetInteger("max_concurrent_compactions", 1, 64) ?? defaults.MaxConcurrentCompactions,
            MaxUnflushedBytes = table.GetGigabytes("max_unflushed_gb", minGigabytes: 0.25m) ?? defaults.MaxUnflushedBytes,
        };
        table.RejectUnknownKeys();
        return options;
    }

    private static WalStoreOptions BindWal(TableReader table, LsmOptions lsm)
    {
        var url = table.GetRequiredString("url", expand: true);
        if (url.Length == 0)
        {
            throw table.Source.Error(table.Find("url")!.Line, "'wal.url' is empty; name the WAL store or remove [wal]");
        }

        table.RejectUnknownKeys();
        if (!lsm.WalEnabled)
        {
            throw table.Source.Error(table.Line, "[wal] configures a WAL store but 'lsm.wal_enabled' is false; remove one of them");
        }

        return new WalStoreOptions { Url = url };
    }

    private static Dictionary<string, string> BindStringMap(TableReader table)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in table.Entries)
        {
            table.Find(entry.Name);
            if (entry.Value is not string)
            {
                throw table.TypeError(entry, "a string (every [aws] value is a string, e.g. allow_http = \"true\")");
            }

            map[entry.Name.ToLowerInvariant()] = table.ReadString(entry, expand: true);
        }

        return map;
    }
}
