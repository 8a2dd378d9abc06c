namespace ZeroFs.Hosting.Configuration;

/// <summary>The <c>[servers]</c> table; each sub-table is optional, but at least one listener must result.</summary>
public sealed record ServersOptions
{
    /// <summary><c>[servers.nfs]</c>: NFSv3 + MOUNT (default port 2049).</summary>
    public NfsServerOptions? Nfs { get; init; }

    /// <summary><c>[servers.ninep]</c>: 9P2000.L (default port 5564).</summary>
    public ListenerOptions? NineP { get; init; }

    /// <summary><c>[servers.nbd]</c>: NBD block devices from <c>/.nbd</c> (default port 10809).</summary>
    public ListenerOptions? Nbd { get; init; }

    /// <summary><c>[servers.rpc]</c>: the admin RPC used by <c>checkpoint</c>, <c>flush</c>, <c>monitor</c> (default port 7000).</summary>
    public ListenerOptions? Rpc { get; init; }

    /// <summary><c>[servers.webui]</c>: the browser console (default port 8080).</summary>
    public WebUiOptions? WebUi { get; init; }

    /// <summary>True when at least one server has a listener.</summary>
    public bool HasListeners =>
        Nfs?.HasListeners == true || NineP?.HasListeners == true || Nbd?.HasListeners == true
        || Rpc?.HasListeners == true || WebUi is not null;
}
