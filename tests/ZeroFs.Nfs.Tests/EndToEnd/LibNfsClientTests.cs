using System.Diagnostics;
using System.Security.Cryptography;
using ZeroFs.FileSystem;
using ZeroFs.Testing;

namespace ZeroFs.Nfs.Tests.EndToEnd;

/// <summary>
/// The real userspace client: Debian's libnfs-utils (nfs-ls, nfs-cp, nfs-cat) against the server on a
/// real TCP port in Kestrel. MOUNT and NFS are on the one port, given to libnfs by URL arguments.
/// </summary>
public sealed class LibNfsClientTests
{
    [Fact]
    public async Task NfsCp_InAndOut_NfsLs_NfsCat_AgainstKestrel()
    {
        await using var h = await NfsHarness.OpenAsync();
        await using var host = await KestrelNfsHost.StartAsync(h.Server);
        using var temp = new TempDirectory();
        var source = temp.Combine("source.bin");
        var data = RandomNumberGenerator.GetBytes((3 * 1024 * 1024) + 12345); // several 1 MiB WRITEs and a partial one
        await File.WriteAllBytesAsync(source, data);
        var options = $"?nfsport={host.Port}&mountport={host.Port}&version=3";

        await RunAsync("nfs-cp", source, $"nfs://127.0.0.1//copy.bin{options}");
        var entry = await h.Fs.LookupAsync(Credentials.Root, PosixFileSystem.RootId, NfsHarness.N("copy.bin"));
        Assert.True(entry.IsOk, "nfs-cp created the file");
        Assert.Equal(data.Length, entry.Value.Size);
        var stored = new byte[data.Length];
        Assert.Equal(data.Length, (await h.Fs.ReadAsync(Credentials.Root, entry.Value.Id, 0, stored)).Value.Count);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(stored));

        var back = temp.Combine("back.bin");
        await RunAsync("nfs-cp", $"nfs://127.0.0.1//copy.bin{options}", back);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(await File.ReadAllBytesAsync(back)));

        await h.Fs.MakeDirectoryAsync(Credentials.Root, PosixFileSystem.RootId, NfsHarness.N("subdir"), 0x1ED);
        var text = (await h.Fs.CreateAsync(Credentials.Root, PosixFileSystem.RootId, NfsHarness.N("hello.txt"), 0x1A4, true)).Value;
        await h.Fs.WriteAsync(Credentials.Root, text.Id, 0, "hello over nfs\n"u8.ToArray());
        var listing = await RunAsync("nfs-ls", $"nfs://127.0.0.1/{options}");
        Assert.Contains("copy.bin", listing);
        Assert.Contains("subdir", listing);
        Assert.Contains("hello.txt", listing);
        Assert.Contains(data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), listing);

        var cat = await RunAsync("nfs-cat", $"nfs://127.0.0.1//hello.txt{options}");
        Assert.Equal("hello over nfs\n", cat);
    }

    private static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish: {await stderr}");
        }

        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} exited {process.ExitCode}: {await stdout} {await stderr}");
        return await stdout;
    }
}
