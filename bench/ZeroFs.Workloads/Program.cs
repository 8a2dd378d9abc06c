using System.Globalization;
using ZeroFs.Workloads;

// Usage: dotnet run -c Release --project bench/ZeroFs.Workloads -- engine [--dir DIR] [--ingest-mib N] [--idle-seconds S] [--only ingest|puts|latency|idle] [--memory-mib N]
//        dotnet run -c Release --project bench/ZeroFs.Workloads -- fs [--dir DIR] [--creates N] [--write-mib N] [--tasks T]
//        dotnet run -c Release --project bench/ZeroFs.Workloads -- dir DIR [--baseline DIR] [--empty-files N] [--small-files N]
//              [--big-mib N] [--random-reads N] [--appends N] [--tree-files N]     (any mounted directory; see bench/rig-9p.sh)
if (args.Length > 1 && args[0] == "dir")
{
    var options = new DirectoryWorkloadOptions { Directory = args[1] };
    for (var i = 2; i + 1 < args.Length; i += 2)
    {
        var value = args[i + 1];
        options = args[i] switch
        {
            "--baseline" => options with { Baseline = value },
            "--empty-files" => options with { EmptyFiles = int.Parse(value, CultureInfo.InvariantCulture) },
            "--small-files" => options with { SmallFiles = int.Parse(value, CultureInfo.InvariantCulture) },
            "--big-mib" => options with { BigMib = long.Parse(value, CultureInfo.InvariantCulture) },
            "--random-reads" => options with { RandomReads = int.Parse(value, CultureInfo.InvariantCulture) },
            "--appends" => options with { Appends = int.Parse(value, CultureInfo.InvariantCulture) },
            "--tree-files" => options with { TreeFiles = int.Parse(value, CultureInfo.InvariantCulture) },
            _ => throw new ArgumentException($"unknown option {args[i]}"),
        };
    }

    new DirectoryWorkloads(options).Run();
    return 0;
}

if (args.Length > 0 && args[0] == "fs")
{
    var fsDir = Path.Combine(Path.GetTempPath(), "zerofs-workloads");
    var creates = 100_000;
    long writeMib = 1024;
    var tasks = 16;
    for (var i = 1; i + 1 < args.Length; i += 2)
    {
        switch (args[i])
        {
            case "--dir": fsDir = args[i + 1]; break;
            case "--creates": creates = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
            case "--write-mib": writeMib = long.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
            case "--tasks": tasks = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
            default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
        }
    }

    Directory.CreateDirectory(fsDir);
    await new FileSystemWorkloads(fsDir, creates, writeMib << 20, tasks).RunAsync();
    return 0;
}

if (args.Length == 0 || args[0] != "engine")
{
    Console.Error.WriteLine("usage: ZeroFs.Workloads engine|fs|dir ... (see the comment at the top of Program.cs)");
    return 2;
}

var dir = Path.Combine(Path.GetTempPath(), "zerofs-workloads");
long ingestMib = 1024;
var idleSeconds = 30;
string? only = null;
long? memoryMib = null;
for (var i = 1; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--dir": dir = args[i + 1]; break;
        case "--ingest-mib": ingestMib = long.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--idle-seconds": idleSeconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--only": only = args[i + 1]; break;
        case "--memory-mib": memoryMib = long.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

Directory.CreateDirectory(dir);
await new EngineWorkloads(dir, ingestMib << 20, TimeSpan.FromSeconds(idleSeconds), only, memoryMib << 20).RunAsync();
return 0;
