using System.Diagnostics;
using System.Reflection;
using System.Text;
using ZeroFs.Testing;

namespace ZeroFs.ObjectStore.Tests;

/// <summary>Two processes race create-only puts on the same keys; each round must have exactly one winner.</summary>
[Collection("moto")]
public sealed class CrossProcessCreateOnlyTests(MotoS3Fixture moto)
{
    [Fact]
    public async Task CreateOnly_TwoProcessesSameDirectory_ExactlyOneWinsEachRound()
    {
        using var directory = new TempDirectory();
        const int Rounds = 300;
        var root = directory.Combine("store");
        var wins = await RaceAsync(Rounds, id => ["local", root, Rounds.ToString(), id]);
        await using var store = new LocalDirectoryObjectStore(root);
        await AssertOneWinnerPerRoundAsync(store, Rounds, wins, requireBothWin: true);
    }

    [Fact]
    public async Task CreateOnly_TwoProcessesSameBucket_ExactlyOneWinsEachRound()
    {
        const int Rounds = 100;
        var prefix = $"race-{Guid.NewGuid():N}/";
        var wins = await RaceAsync(Rounds, id => ["s3", moto.Endpoint.ToString(), moto.DefaultBucket, prefix, Rounds.ToString(), id]);
        await using var store = moto.CreateStore(prefix);
        await AssertOneWinnerPerRoundAsync(store, Rounds, wins, requireBothWin: false);
    }

    private static async Task AssertOneWinnerPerRoundAsync(IObjectStore store, int rounds, Dictionary<string, HashSet<int>> wins, bool requireBothWin)
    {
        for (var round = 0; round < rounds; round++)
        {
            var winners = wins.Where(w => w.Value.Contains(round)).Select(w => w.Key).ToList();
            Assert.True(winners.Count == 1, $"round {round}: winners [{string.Join(", ", winners)}]");
            using var body = await store.GetAsync($"race/{round:D5}");
            Assert.Equal(winners[0], Encoding.UTF8.GetString(body!.Data.Span));
        }

        // Locally both processes really race: each wins some rounds. Over HTTP one process is often
        // consistently first at moto, so a sweep there is legitimate; exactly-one-winner still holds.
        if (requireBothWin)
        {
            Assert.All(wins.Values, w => Assert.NotEmpty(w));
        }
    }

    private static async Task<Dictionary<string, HashSet<int>>> RaceAsync(int rounds, Func<string, string[]> arguments)
    {
        var probe = ProbePath();
        var processes = new[] { "p1", "p2" }.Select(id => (id, process: Start(probe, arguments(id)))).ToList();
        try
        {
            foreach (var (id, process) in processes)
            {
                var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
                if (ready != "ready")
                {
                    process.Kill();
                    Assert.Fail($"{id} did not get ready: {ready} {await process.StandardError.ReadToEndAsync()}");
                }
            }

            foreach (var (_, process) in processes)
            {
                await process.StandardInput.WriteLineAsync("go");
                await process.StandardInput.FlushAsync();
            }

            var wins = new Dictionary<string, HashSet<int>>();
            foreach (var (id, process) in processes)
            {
                var output = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
                if (process.ExitCode != 0)
                {
                    Assert.Fail($"{id} exited {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
                }
                Assert.EndsWith("done", output.TrimEnd());
                Assert.DoesNotContain("error", output, StringComparison.Ordinal);
                wins[id] = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Where(l => l.StartsWith("won ", StringComparison.Ordinal))
                    .Select(l => int.Parse(l[4..]))
                    .ToHashSet();
            }

            return wins;
        }
        finally
        {
            foreach (var (_, process) in processes)
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }

                process.Dispose();
            }
        }
    }

    private static Process Start(string probe, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(probe);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static string ProbePath()
    {
        // Set at build time from the project layout; see ZeroFs.ObjectStore.Tests.csproj.
        var path = typeof(CrossProcessCreateOnlyTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RaceProbePath").Value!;
        path = Path.GetFullPath(path);
        Assert.True(File.Exists(path), $"race probe not built at {path}");
        return path;
    }
}
