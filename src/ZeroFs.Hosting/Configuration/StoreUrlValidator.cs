using ZeroFs.ObjectStore;
using ZeroFs.ObjectStore.S3;

namespace ZeroFs.Hosting.Configuration;

/// <summary>
/// Checks the store URLs and the <c>[aws]</c> settings at load time, so that a typo fails with
/// the line it is on rather than later at connect time.
/// </summary>
internal static class StoreUrlValidator
{
    public static void Validate(
        ZeroFsOptions options, ConfigSource source, TableReader? storageTable, TableReader? walTable, TableReader? awsTable)
    {
        var storage = ParseUrl(options.Storage.Url, storageTable, source);
        var wal = options.Wal is null ? null : ParseUrl(options.Wal.Url, walTable, source);

        foreach (var (url, table) in new[] { (storage, storageTable), (wal, walTable) })
        {
            if (url?.Kind != ObjectStoreKind.S3)
            {
                continue;
            }

            try
            {
                S3ObjectStoreOptions.FromSettings(url.Bucket!, url.Prefix ?? string.Empty, options.Aws).Validate();
            }
            catch (ArgumentException ex)
            {
                var line = LineOfMentionedKey(awsTable, ex.Message) ?? awsTable?.Line ?? table?.Find("url")?.Line;
                throw source.Error(line, $"[aws]: {WithoutParamName(ex)}", ex);
            }
        }
    }

    private static ObjectStoreUrl ParseUrl(string url, TableReader? table, ConfigSource source)
    {
        try
        {
            return ObjectStoreUrl.Parse(url);
        }
        catch (FormatException ex)
        {
            var entry = table?.Find("url");
            throw source.Error(entry?.Line, $"'{entry?.Path ?? "url"}': {ex.Message}", ex);
        }
    }

    // The S3 options name the offending [aws] key in their message; point at its line when they do.
    private static int? LineOfMentionedKey(TableReader? awsTable, string message) =>
        awsTable?.Entries.FirstOrDefault(entry =>
            message.Contains($"'{entry.Name}'", StringComparison.OrdinalIgnoreCase)
            || message.Contains($" {entry.Name} ", StringComparison.OrdinalIgnoreCase))?.Line;

    // ArgumentException.Message appends " (Parameter 'x')", which means nothing to a config author.
    private static string WithoutParamName(ArgumentException ex) =>
        ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
}
