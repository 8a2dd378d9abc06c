using System.Buffers.Binary;
using ZeroFs.Engine;
using ZeroFs.FileSystem.Directories;
using ZeroFs.FileSystem.Inodes;
using ZeroFs.FileSystem.Keys;

namespace ZeroFs.FileSystem.Tests;

/// <summary>Checks the invariants a crash must never break, straight from the engine's keys.</summary>
internal static class Fsck
{
    public static async Task CheckAsync(Db db)
    {
        var inodes = new Dictionary<ulong, InodeRecord>();
        var entries = new List<(ulong Dir, byte[] Name, DirEntryValue Value)>();
        var scans = new Dictionary<(ulong, ulong), ulong>();
        var orphans = new HashSet<ulong>();
        var tombstones = new HashSet<ulong>();
        long statBytes = 0, statInodes = 0;
        using (var it = db.Scan())
        {
            while (await it.MoveNextAsync())
            {
                var key = it.Key;
                var value = it.Value.Span;
                switch ((KeyKind)key[0])
                {
                    case KeyKind.Inode:
                        var id = KeyCodec.ReadId(key);
                        inodes[id] = InodeRecord.Decode(id, value);
                        break;
                    case KeyKind.DirEntry:
                        entries.Add((KeyCodec.ReadId(key), KeyCodec.ReadName(key).ToArray(), DirEntryValue.Decode(value)));
                        break;
                    case KeyKind.DirScan:
                        scans[(KeyCodec.ReadId(key), KeyCodec.ReadSecond(key))] = DirEntryValue.DecodeScan(value).Child;
                        break;
                    case KeyKind.Stats:
                        statBytes += BinaryPrimitives.ReadInt64LittleEndian(value[1..]);
                        statInodes += BinaryPrimitives.ReadInt64LittleEndian(value[9..]);
                        break;
                    case KeyKind.Orphan:
                        orphans.Add(KeyCodec.ReadId(key));
                        break;
                    case KeyKind.Tombstone:
                        tombstones.Add(KeyCodec.ReadId(key));
                        break;
                    case KeyKind.Chunk:
                        var owner = KeyCodec.ReadId(key);
                        Assert.True(inodes.ContainsKey(owner) || tombstones.Contains(owner), $"chunk of unknown inode {owner}");
                        break;
                }
            }
        }

        Assert.Equal(entries.Count, scans.Count);
        var links = new Dictionary<ulong, uint>();
        foreach (var (dir, name, value) in entries)
        {
            Assert.True(inodes.ContainsKey(dir), $"entry in missing directory {dir}");
            Assert.True(inodes.TryGetValue(value.Child, out var child), $"entry {System.Text.Encoding.UTF8.GetString(name)} names missing inode {value.Child}");
            Assert.Equal(child!.Type, value.Type);
            Assert.Equal(value.Child, scans[(dir, value.Cookie)]);
            links[value.Child] = links.GetValueOrDefault(value.Child) + 1;
            if (child.IsDirectory)
            {
                Assert.Equal(dir, child.Parent);
            }
        }

        foreach (var inode in inodes.Values.Where(i => i.IsDirectory && i.Nlink > 0))
        {
            var current = inode;
            for (var depth = 0; current.Id != PosixFileSystem.RootId; depth++)
            {
                Assert.True(depth < inodes.Count, $"directory {inode.Id} is not connected to the root");
                current = inodes[current.Parent];
            }
        }

        foreach (var inode in inodes.Values)
        {
            if (inode.IsDirectory && inode.Nlink == 0)
            {
                Assert.Contains(inode.Id, orphans);
            }
            else if (inode.IsDirectory)
            {
                var children = entries.Where(e => e.Dir == inode.Id).ToList();
                Assert.Equal((ulong)children.Count, inode.Entries);
                Assert.Equal(2 + (uint)children.Count(c => c.Value.Type == FileType.Directory), inode.Nlink);
            }
            else if (inode.Nlink == 0)
            {
                Assert.Contains(inode.Id, orphans);
            }
            else
            {
                Assert.Equal(inode.Nlink, links.GetValueOrDefault(inode.Id));
            }
        }

        Assert.Equal(inodes.Count, statInodes);
        Assert.Equal(inodes.Values.Where(i => i.Type == FileType.Regular).Sum(i => i.Size), statBytes);
    }
}
