using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point: <c>dotnet run -c Release --project bench/ZeroFs.Benchmarks -- --filter '*'</c>.</summary>
internal sealed partial class Program;
