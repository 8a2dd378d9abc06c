using System.Globalization;
using System.Text;
using ZeroFs.Crypto;
using ZeroFs.Engine;
using ZeroFs.Engine.Compaction;
using ZeroFs.Engine.Gc;
using ZeroFs.Engine.Sst;
using ZeroFs.ObjectStore;
using ZeroFs.ObjectStore.S3;

// Usage:
//   <store> <keyHex> writer <id> <batches> [l0MaxTables]
//   <store> <keyHex> compactor
// <store> = local <dir> | s3 <endpoint> <bucket> <prefix>
// writer: writes batch i = { "<id>-<i % 500>" = "<i>|padding" }, prints "ready <epoch>", then
//   "durable <i>" whenever batches 0..i are durable, "closing" then "done" around a clean close; "fenced" (exit 3)
//   when a newer writer takes over. Compaction is external.
// compactor: prints "ready <epoch>", runs until stdin says "stop" ("stopped", exit 0) or a newer
//   compactor fences it ("fenced", exit 3).
var position = 0;
IObjectStore store;
if (args[position] == "local")
{
    store = new LocalDirectoryObjectStore(args[position + 1]);
    position += 2;
}
else
{
    // Production always wraps S3 in the retry decorator; moto answers 500 now and then under load.
    store = new RetryingObjectStore(new S3ObjectStore(new S3ObjectStoreOptions
    {
        Endpoint = new Uri(args[position + 1]),
        Bucket = args[position + 2],
        Prefix = args[position + 3],
        Region = "us-east-1",
        AccessKeyId = "test",
        SecretAccessKey = "test",
        ForcePathStyle = true,
        AllowHttp = true,
    }), new RetryOptions(), TimeProvider.System);
    position += 4;
}

using var key = DataKey.FromBytes(Convert.FromHexString(args[position]));
var mode = args[position + 1];
var compression = new CompressionOptions(CompressionCodec.None);
await using (store)
{
    if (mode == "writer")
    {
        var id = args[position + 2];
        var batches = int.Parse(args[position + 3], CultureInfo.InvariantCulture);
        var l0Max = args.Length > position + 4 ? int.Parse(args[position + 4], CultureInfo.InvariantCulture) : 12;
        var options = new EngineOptions
        {
            L0TableBytes = 64 * 1024,
            MaxUnflushedBytes = 1024 * 1024,
            L0MaxTables = l0Max,
            WalFlushInterval = TimeSpan.FromMilliseconds(20),
            ManifestPollInterval = TimeSpan.FromMilliseconds(50),
            CompactorMode = CompactorMode.External,
            Compression = compression,
        };
        var db = await Db.OpenWriterAsync(store, null, key, options, TimeProvider.System);
        Console.WriteLine($"ready {db.Epoch}");
        var padding = new string('p', 300);
        try
        {
            for (var i = 0; i < batches; i++)
            {
                var seq = await db.PutAsync(Encoding.UTF8.GetBytes($"{id}-{i % 500:D4}"), Encoding.UTF8.GetBytes($"{i}|{padding}"));
                if (i % 10 == 9 || i == batches - 1)
                {
                    await db.WaitDurableAsync(seq);
                    Console.WriteLine($"durable {i}");
                }
            }

            Console.WriteLine("closing"); // close may publish past L0MaxTables (a stall threshold, not for close)
            await db.DisposeAsync();
            Console.WriteLine("done");
            return 0;
        }
        catch (FencedException)
        {
            Console.WriteLine("fenced");
            await db.DisposeAsync();
            return 3;
        }
    }

    var compactorOptions = new CompactorOptions
    {
        PollInterval = TimeSpan.FromMilliseconds(50),
        MaxTableBytes = 256 * 1024,
        Sst = new SstWriterOptions { BlockBytes = 4096 },
        Compression = compression,
        Gc = new GcOptions { Interval = TimeSpan.FromMilliseconds(200), WalMinAge = TimeSpan.Zero, SstMinAge = TimeSpan.Zero, ManifestMinAge = TimeSpan.Zero },
    };
    await using var compactor = await Compactor.OpenAsync(store, key, compactorOptions, TimeProvider.System);
    Console.WriteLine($"ready {compactor.Epoch}");
    using var stop = new CancellationTokenSource();
    _ = Task.Run(async () =>
    {
        while (await Console.In.ReadLineAsync() is { } line && line != "stop")
        {
        }

        await stop.CancelAsync();
    });
    try
    {
        await compactor.RunAsync(stop.Token);
        Console.WriteLine("stopped");
        return 0;
    }
    catch (FencedException)
    {
        Console.WriteLine("fenced");
        return 3;
    }
}
