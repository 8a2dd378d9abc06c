namespace ZeroFs.EndToEnd.Tests.Infrastructure;

/// <summary>A 9P2000.L server on 127.0.0.1 that the guest mounts: zerofs, or diod while proving the tests.</summary>
internal interface INinePServer : IDisposable
{
    /// <summary>Shown in failure messages.</summary>
    string Name { get; }

    /// <summary>The TCP port; the same across restarts.</summary>
    int Port { get; }

    /// <summary>Mount options this server needs besides the common ones (e.g. <c>aname=</c>), or empty.</summary>
    string ExtraMountOptions { get; }

    /// <summary>POSIX suite capability switches for what this server does not do by design (e.g. <c>--no-atime</c>).</summary>
    string SuiteCapabilities { get; }

    /// <summary>POSIX suite checks this server is known to fail, with the reason. Empty for zerofs.</summary>
    IReadOnlyDictionary<string, string> KnownSuiteFailures { get; }

    /// <summary>stress-ng stressors this server is known to fail or hang, with the reason. Empty for zerofs.</summary>
    IReadOnlyDictionary<string, string> UnsupportedStressors { get; }

    /// <summary>The server's recent output, for failure messages.</summary>
    string Diagnostics { get; }

    /// <summary>Starts (or restarts, on the same store) and waits until the port accepts connections.</summary>
    Task StartAsync();

    /// <summary>SIGKILL: no shutdown, no flush.</summary>
    void Kill();
}
