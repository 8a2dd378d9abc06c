using System.Collections.Concurrent;
using System.Text;

namespace ZeroFs.Fuse.Tests;

/// <summary>
/// Real workloads on a mount of <c>zerofs run</c>: a tar round trip of a large tree checked through a
/// second, fresh mount (so the bytes come from the server, not this mount's page cache), and several
/// threads creating, renaming and removing in shared directories at once.
/// </summary>
public sealed class WorkloadTests : IAsyncLifetime
{
    private ZerofsServer _server = null!;
    private TestMount _mount = null!;

    public async Task InitializeAsync()
    {
        _server = await ZerofsServer.StartAsync();
        _mount = await TestMount.StartAsync(_server);
    }

    public async Task DisposeAsync()
    {
        await _mount.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Tar_UsrInclude_RoundTripsByteForByteWithMetadata()
    {
        const string Source = "/usr/include"; // libc6-dev and linux-libc-dev alone hold 1400 files (scripts/test.sh installs them)
        Assert.True(Directory.GetFiles(Source, "*", SearchOption.AllDirectories).Length > 1000, "the tree should be large");
        Directory.CreateDirectory(_mount.Combine("tree"));

        var (exit, _, error) = await Shell.RunAsync("bash", "-c", $"set -o pipefail; tar -C /usr -cf - include | tar -C '{_mount.Combine("tree")}' -xf -");
        Assert.True(exit == 0, error);
        Assert.Equal("", error);

        await using var fresh = await TestMount.StartAsync(_server);
        var copy = fresh.Combine("tree", "include");
        (exit, var differences, error) = await Shell.RunAsync("diff", "-r", "--no-dereference", Source, copy);
        Assert.True(exit == 0, $"diff {exit}:\n{Truncate(differences)}\n{error}");

        // Type, mode, owner, size of files, mtime of all but symlinks (tar leaves those at extraction time), link targets.
        var expected = await ListingAsync(Source);
        Assert.True(expected.Split('\n').Length > 1000, expected);
        Assert.Equal(expected, await ListingAsync(copy));
    }

    [Fact]
    public async Task ParallelCreateRenameUnlink_NoErrorsAndTheExpectedFinalState()
    {
        const int Workers = 6;
        const int Iterations = 150;
        var shared = _mount.Combine("shared");
        var other = _mount.Combine("other");
        Directory.CreateDirectory(shared);
        Directory.CreateDirectory(other);
        var errors = new ConcurrentQueue<string>();

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < Iterations; i++)
            {
                try
                {
                    var content = Encoding.ASCII.GetBytes($"worker {worker} iteration {i} " + new string('x', i * 37 % 5000));
                    var temp = Path.Combine(shared, $"w{worker}-{i}.tmp");
                    var final = Path.Combine(shared, $"w{worker}-{i}");
                    await File.WriteAllBytesAsync(temp, content);
                    File.Move(temp, final);

                    // Replace the worker's "keep" file (rename over an existing name), through the other directory.
                    var moved = Path.Combine(other, $"w{worker}-{i}");
                    File.Move(final, moved);
                    File.Move(moved, Path.Combine(shared, $"w{worker}-keep"), overwrite: true);

                    // A directory with a file in it, renamed, listed, then removed.
                    var dir = Path.Combine(shared, $"d{worker}-{i}");
                    Directory.CreateDirectory(dir);
                    await File.WriteAllTextAsync(Path.Combine(dir, "inner"), "inner");
                    var renamed = Path.Combine(other, $"e{worker}-{i}");
                    Directory.Move(dir, renamed);
                    if (Directory.GetFileSystemEntries(renamed).Length != 1)
                    {
                        errors.Enqueue($"worker {worker} iteration {i}: {renamed} does not hold exactly one entry");
                    }

                    File.Delete(Path.Combine(renamed, "inner"));
                    Directory.Delete(renamed);

                    // A short-lived file, unlinked while still open (its data stays readable until closed).
                    var doomed = Path.Combine(shared, $"u{worker}-{i}");
                    await using (var stream = new FileStream(doomed, FileMode.CreateNew, FileAccess.ReadWrite))
                    {
                        await stream.WriteAsync(content);
                        File.Delete(doomed);
                        stream.Position = 0;
                        var back = new byte[content.Length];
                        await stream.ReadExactlyAsync(back);
                        if (!back.AsSpan().SequenceEqual(content))
                        {
                            errors.Enqueue($"worker {worker} iteration {i}: an unlinked open file lost its data");
                        }
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    errors.Enqueue($"worker {worker} iteration {i}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        })));

        Assert.Empty(errors);
        var expected = Enumerable.Range(0, Workers).Select(w => $"w{w}-keep").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, Directory.GetFileSystemEntries(shared).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToList());
        Assert.Empty(Directory.GetFileSystemEntries(other));

        var server = _server.View(_mount.Path);
        Assert.Equal(expected, await server.ListAsync(shared));
        Assert.Empty(await server.ListAsync(other));
        for (var worker = 0; worker < Workers; worker++)
        {
            var last = Iterations - 1;
            Assert.Equal($"worker {worker} iteration {last} " + new string('x', last * 37 % 5000), await server.ReadAllTextAsync(Path.Combine(shared, $"w{worker}-keep")));
        }
    }

    private static async Task<string> ListingAsync(string root)
    {
        var (exit, listing, error) = await Shell.RunAsync(
            "bash", "-c", $"cd '{root}' && find . \\( -type l -printf '%p l %m %U %G %l\\n' \\) -o \\( -type d -printf '%p d %m %U %G %Ts\\n' \\) -o -printf '%p %y %m %U %G %s %Ts\\n' | LC_ALL=C sort");
        Assert.True(exit == 0, error);
        return listing;
    }

    private static string Truncate(string text) => text.Length <= 4000 ? text : text[..4000] + "...";
}
