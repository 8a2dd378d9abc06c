using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ZeroFs.Benchmarks.Crypto;

/// <summary>Plaintext MB/s (10^6 bytes per second) from the mean time and the <c>BlockSize</c> parameter.</summary>
internal sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Plaintext megabytes (10^6 B) per second per core";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        var size = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "BlockSize")?.Value;
        if (report?.ResultStatistics is null || size is not int bytes)
        {
            return "-";
        }

        var seconds = report.ResultStatistics.Mean / 1e9;
        return (bytes / seconds / 1e6).ToString("N0", null);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
