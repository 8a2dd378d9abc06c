using System.Net;

namespace ZeroFs.Hosting.Configuration;

/// <summary>
/// What <c>zerofs run</c> serves without <c>-c</c>: a local store in <c>./zerofs-data</c>, a cache
/// in <c>./zerofs-cache</c>, and every protocol on 127.0.0.1 with its default port (CLI.md
/// "Embedded default").
/// </summary>
public static class EmbeddedConfig
{
    /// <summary>The local store directory, relative to the working directory.</summary>
    public const string DataDirectory = "./zerofs-data";

    /// <summary>The cache directory, relative to the working directory.</summary>
    public const string CacheDirectory = "./zerofs-cache";

    /// <summary>Default NFS port.</summary>
    public const int NfsPort = 2049;

    /// <summary>Default 9P port.</summary>
    public const int NinePPort = 5564;

    /// <summary>Default NBD port (IANA).</summary>
    public const int NbdPort = 10809;

    /// <summary>Default admin RPC port.</summary>
    public const int RpcPort = 7000;

    /// <summary>The name error messages use for the embedded default instead of a file name.</summary>
    public const string DisplayName = "built-in default config";

    /// <summary>Builds the embedded default around a password.</summary>
    public static ZeroFsOptions Create(string encryptionPassword)
    {
        ArgumentException.ThrowIfNullOrEmpty(encryptionPassword);
        return new ZeroFsOptions
        {
            Cache = new CacheOptions { Dir = CacheDirectory, DiskSizeBytes = 10_000_000_000 },
            Storage = new StorageOptions { Url = DataDirectory, EncryptionPassword = encryptionPassword },
            Servers = new ServersOptions
            {
                Nfs = new NfsServerOptions { Addresses = [Loopback(NfsPort)] },
                NineP = new ListenerOptions { Addresses = [Loopback(NinePPort)] },
                Nbd = new ListenerOptions { Addresses = [Loopback(NbdPort)] },
                Rpc = new ListenerOptions { Addresses = [Loopback(RpcPort)] },
            },
        };
    }

    private static IPEndPoint Loopback(int port) => new(IPAddress.Loopback, port);
}
