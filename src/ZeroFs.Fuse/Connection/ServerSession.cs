using System.Globalization;
using System.Text;
using ZeroFs.NineP.Client;

namespace ZeroFs.Fuse.Connection;

/// <summary>
/// One live 9P connection and what was attached on it: a root fid per uid (9P "access=user": each
/// caller attaches as itself with n_uname = uid, so the server enforces permissions). Fids belong to
/// one connection; when it dies the whole object is dropped and a new one with the next
/// <see cref="Generation"/> replaces it, so a fid is never sent on a connection that did not create it.
/// </summary>
internal sealed class ServerSession
{
    private readonly Dictionary<uint, Task<FidQid>> _roots = [];
    private readonly Lock _sync = new();
    private readonly byte[] _attachName;

    public ServerSession(NinePClient client, int generation, byte[] attachName)
    {
        Client = client;
        Generation = generation;
        _attachName = attachName;
    }

    /// <summary>The connection.</summary>
    public NinePClient Client { get; }

    /// <summary>Counts connections since the mount: 1 for the first.</summary>
    public int Generation { get; }

    /// <summary>Whether the connection is gone.</summary>
    public bool IsClosed => Client.IsClosed;

    /// <summary>The root fid of <paramref name="uid"/>, attaching once per uid (a failed attach is retried next time).</summary>
    public Task<FidQid> GetRootAsync(uint uid)
    {
        lock (_sync)
        {
            if (!_roots.TryGetValue(uid, out var task) || task.IsFaulted || task.IsCanceled)
            {
                task = AttachAsync(uid);
                _roots[uid] = task;
            }

            return task;
        }
    }

    private async Task<FidQid> AttachAsync(uint uid)
    {
        var userName = Encoding.ASCII.GetBytes(uid.ToString(CultureInfo.InvariantCulture));
        try
        {
            return await Client.AttachAsync(userName, _attachName, uid).ConfigureAwait(false);
        }
        catch
        {
            lock (_sync)
            {
                _roots.Remove(uid);
            }

            throw;
        }
    }
}
