using System.Text;
using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;
using FileAttributes = ZeroFs.NineP.Client.FileAttributes;

namespace ZeroFs.Fuse.Tests;

/// <summary>
/// What the server holds, read over a fresh 9P session as root (uid 0) — neither the kernel's caches nor
/// the FUSE client are involved. Paths are paths on a mount of the same server (<paramref name="mountPoint"/>
/// is its root), so a test can ask "what did the server get for this file".
/// </summary>
public sealed class ServerView(string endpoint, string mountPoint)
{
    public async Task<byte[]> ReadAllBytesAsync(string path) => await WithFidAsync(path, async (client, fid) =>
    {
        await client.LopenAsync(fid, OpenFlags.ReadOnly);
        using var content = new MemoryStream();
        var buffer = new byte[client.MaxIOSize];
        int read;
        while ((read = await client.ReadAsync(fid, (ulong)content.Length, buffer)) > 0)
        {
            content.Write(buffer, 0, read);
        }

        return content.ToArray();
    });

    public async Task<string> ReadAllTextAsync(string path) => Encoding.UTF8.GetString(await ReadAllBytesAsync(path));

    /// <summary>The attributes, or null when the path does not exist.</summary>
    public async Task<FileAttributes?> StatAsync(string path)
    {
        try
        {
            return await WithFidAsync(path, (client, fid) => client.GetattrAsync(fid, GetattrMask.All));
        }
        catch (NinePException e) when (e.Errno == 2)
        {
            return null;
        }
    }

    public async Task<FileAttributes> StatExistingAsync(string path) =>
        await StatAsync(path) ?? throw new FileNotFoundException($"{path} is not on the server");

    /// <summary>The names in a directory, sorted, without . and ..</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string path) => await WithFidAsync(path, async (client, fid) =>
    {
        await client.LopenAsync(fid, OpenFlags.ReadOnly | OpenFlags.Directory);
        var names = new List<string>();
        ulong offset = 0;
        while (await client.ReaddirAsync(fid, offset) is { Count: > 0 } batch)
        {
            names.AddRange(batch.Select(e => Encoding.UTF8.GetString(e.Name)).Where(n => n is not ("." or "..")));
            offset = batch[^1].Offset;
        }

        return (IReadOnlyList<string>)[.. names.Order(StringComparer.Ordinal)];
    });

    public async Task<string> ReadlinkAsync(string path) =>
        Encoding.UTF8.GetString(await WithFidAsync(path, (client, fid) => client.ReadlinkAsync(fid)));

    /// <summary>The extended attribute names, sorted.</summary>
    public async Task<IReadOnlyList<string>> ListXattrAsync(string path)
    {
        var list = await WithFidAsync(path, (client, fid) => client.GetXattrAsync(fid, ""u8));
        return [.. Encoding.UTF8.GetString(list).Split('\0', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
    }

    /// <summary>Creates a directory owned by <paramref name="uid"/>:<paramref name="gid"/> (mkdir as root, then chown).</summary>
    public Task MkdirAsync(string path, uint mode, uint uid, uint gid) => WithFidAsync(Path.GetDirectoryName(path)!, async (client, parent) =>
    {
        await client.MkdirAsync(parent, Encoding.UTF8.GetBytes(Path.GetFileName(path)), mode, 0);
        var walk = await client.WalkAsync(parent, [Encoding.UTF8.GetBytes(Path.GetFileName(path))]);
        await client.SetattrAsync(new ZeroFs.NineP.Protocol.Messages.Tsetattr(walk.Fid, SetattrMask.Uid | SetattrMask.Gid, 0, uid, gid, 0, 0, 0, 0, 0));
        return true;
    });

    private async Task<T> WithFidAsync<T>(string path, Func<NinePClient, uint, Task<T>> action)
    {
        var relative = Path.GetRelativePath(mountPoint, path);
        var names = relative == "." ? [] : relative.Split('/').Select(Encoding.UTF8.GetBytes).ToArray();
        await using var client = await NinePClient.ConnectAsync(endpoint);
        var root = await client.AttachAsync("root"u8, ""u8, 0);
        var walk = await client.WalkAsync(root.Fid, names);
        if (!walk.IsComplete)
        {
            throw new NinePException(2, MessageType.Twalk);
        }

        return await action(client, walk.Fid);
    }
}
