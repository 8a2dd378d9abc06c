using System.Diagnostics;
using System.Globalization;

namespace ZeroFs.Workloads;

/// <summary>Small helpers for timing, memory and report lines.</summary>
internal static class Measure
{
    /// <summary>Peak resident set size of this process (VmHWM), in bytes.</summary>
    public static long PeakRssBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                return kb * 1024;
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64;
    }

    /// <summary>Resets VmHWM to the current RSS (Linux: write 5 to clear_refs).</summary>
    public static void ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public static double Percentile(List<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    public static string Mb(double bytesPerSecond) => (bytesPerSecond / 1e6).ToString("F1", CultureInfo.InvariantCulture) + " MB/s";

    public static void Line(string name, string value, string? baseline = null, string? ratio = null)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-48} {value,-22} {baseline ?? "",-26} {ratio ?? ""}"));
    }

    /// <summary>Fills <paramref name="buffer"/> with data that compresses to roughly half (text-like half, random half).</summary>
    public static void FillHalfCompressible(Span<byte> buffer, Random random)
    {
        var half = buffer.Length / 2;
        random.NextBytes(buffer[..half]);
        for (var i = half; i < buffer.Length; i++)
        {
            buffer[i] = (byte)('a' + (i * 7 % 26));
        }
    }
}
