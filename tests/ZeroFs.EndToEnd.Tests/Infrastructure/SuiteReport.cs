using System.Globalization;
using System.Text.RegularExpressions;

namespace ZeroFs.EndToEnd.Tests.Infrastructure;

/// <summary>The parsed output of tests/posix/posix_suite.py ("ok N name", "not ok N name: detail", "# N checks: ...").</summary>
internal sealed partial class SuiteReport
{
    private SuiteReport(string text, int? checks, int passed, int skipped, IReadOnlyDictionary<string, string> failures)
    {
        Text = text;
        Checks = checks;
        Passed = passed;
        Skipped = skipped;
        Failures = failures;
    }

    /// <summary>The whole output.</summary>
    public string Text { get; }

    /// <summary>The summary's check count; null when the suite died before printing it.</summary>
    public int? Checks { get; }

    /// <summary>Checks that passed.</summary>
    public int Passed { get; }

    /// <summary>Checks skipped (capability off or needs root).</summary>
    public int Skipped { get; }

    /// <summary>Failed checks by name, with the suite's detail.</summary>
    public IReadOnlyDictionary<string, string> Failures { get; }

    /// <summary>Parses the suite's output.</summary>
    public static SuiteReport Parse(string text)
    {
        int? checks = null;
        var passed = 0;
        var skipped = 0;
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (FailedLine().Match(line) is { Success: true } failed)
            {
                failures[failed.Groups[1].Value] = failed.Groups[2].Value;
            }
            else if (SkippedLine().IsMatch(line))
            {
                skipped++;
            }
            else if (PassedLine().IsMatch(line))
            {
                passed++;
            }
            else if (SummaryLine().Match(line) is { Success: true } summary)
            {
                checks = int.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        return new SuiteReport(text, checks, passed, skipped, failures);
    }

    [GeneratedRegex(@"^not ok \d+ (\w+): (.*)$")]
    private static partial Regex FailedLine();

    [GeneratedRegex(@"^ok \d+ \w+ # skip ")]
    private static partial Regex SkippedLine();

    [GeneratedRegex(@"^ok \d+ \w+( \([0-9.]+s\))?$")]
    private static partial Regex PassedLine();

    [GeneratedRegex(@"^# (\d+) checks: \d+ passed, \d+ failed, \d+ skipped")]
    private static partial Regex SummaryLine();
}
