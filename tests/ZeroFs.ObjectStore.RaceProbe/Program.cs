using System.Globalization;
using System.Text;
using ZeroFs.ObjectStore;
using ZeroFs.ObjectStore.S3;

// Usage:
//   local <root> <rounds> <id>
//   s3 <endpoint> <bucket> <prefix> <rounds> <id>
// Waits for a line on stdin (so racers start together), then create-only puts race/<round> for
// every round with its id as the body and prints "won <round>" for each put that succeeded.
if (args.Length < 4)
{
    await Console.Error.WriteLineAsync("usage: local <root> <rounds> <id> | s3 <endpoint> <bucket> <prefix> <rounds> <id>");
    return 2;
}

IObjectStore store;
int rounds;
string id;
if (args[0] == "local")
{
    store = new LocalDirectoryObjectStore(args[1]);
    rounds = int.Parse(args[2], CultureInfo.InvariantCulture);
    id = args[3];
}
else
{
    store = new S3ObjectStore(new S3ObjectStoreOptions
    {
        Endpoint = new Uri(args[1]),
        Bucket = args[2],
        Prefix = args[3],
        Region = "us-east-1",
        AccessKeyId = "test",
        SecretAccessKey = "test",
        AllowHttp = true,
    });
    rounds = int.Parse(args[4], CultureInfo.InvariantCulture);
    id = args[5];
}

await using (store)
{
    // Warm up (JIT, connection) before the start signal so both racers are equally fast.
    await store.HeadAsync("race/warmup");
    Console.WriteLine("ready");
    _ = Console.ReadLine();
    var body = Encoding.UTF8.GetBytes(id);
    var output = new StringBuilder();
    for (var round = 0; round < rounds; round++)
    {
        var result = await store.PutAsync($"race/{round:D5}", body, PutCondition.CreateOnly);
        if (result.IsOk)
        {
            output.Append("won ").Append(round).Append('\n');
        }
        else if (result.Status != PutStatus.PreconditionFailed)
        {
            output.Append("error ").Append(round).Append(' ').Append(result.Status).Append('\n');
        }
    }

    Console.Write(output.ToString());
    Console.WriteLine("done");
}

return 0;
