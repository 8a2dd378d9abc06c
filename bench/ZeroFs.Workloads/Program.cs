using System.Globalization;
using ZeroFs.Workloads;

// Usage: dotnet run -c Release --project bench/ZeroFs.Workloads -- engine [--dir DIR] [--ingest-mib N] [--idle-seconds S]
if (args.Length == 0 || args[0] != "engine")
{
    Console.Error.WriteLine("usage: ZeroFs.Workloads engine [--dir DIR] [--ingest-mib N] [--idle-seconds S]");
    return 2;
}

var dir = Path.Combine(Path.GetTempPath(), "zerofs-workloads");
long ingestMib = 1024;
var idleSeconds = 30;
for (var i = 1; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--dir": dir = args[i + 1]; break;
        case "--ingest-mib": ingestMib = long.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--idle-seconds": idleSeconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

Directory.CreateDirectory(dir);
await new EngineWorkloads(dir, ingestMib << 20, TimeSpan.FromSeconds(idleSeconds)).RunAsync();
return 0;
