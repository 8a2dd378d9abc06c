using System.Globalization;
using System.Text;
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

    /// <summary>
    /// Empty when the suite's output at <paramref name="path"/> shows it finished with at least
    /// <paramref name="minimumChecks"/> checks and every failure is in <paramref name="knownFailures"/>; else what went wrong.
    /// </summary>
    public static string Problems(
        string who, string path, int minimumChecks, string serverName, IReadOnlyDictionary<string, string> knownFailures, RigRun run)
    {
        if (!File.Exists(path))
        {
            return $"the suite {who} left no output\n{run.Tail(40)}\n";
        }

        var report = Parse(File.ReadAllText(path));
        if (report.Checks is not { } checks || checks < minimumChecks)
        {
            return $"the suite {who} did not finish ({report.Checks?.ToString(CultureInfo.InvariantCulture) ?? "no"} checks)\n{TextTail.Of(report.Text, 30)}\n";
        }

        var unexpected = report.Failures.Where(f => !knownFailures.ContainsKey(f.Key)).ToList();
        if (unexpected.Count == 0)
        {
            return "";
        }

        var message = new StringBuilder($"{unexpected.Count} of {checks} POSIX checks failed {who} on {serverName}:\n");
        foreach (var (name, detail) in unexpected)
        {
            message.Append("  ").Append(name).Append(": ").AppendLine(detail);
        }

        return message.ToString();
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
