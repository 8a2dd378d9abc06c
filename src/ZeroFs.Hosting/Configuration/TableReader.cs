using System.Globalization;
using System.Net;

namespace ZeroFs.Hosting.Configuration;

/// <summary>
/// Reads typed values out of one <see cref="TomlTableNode"/>, remembering which keys were asked
/// for so that <see cref="RejectUnknownKeys"/> can name every key nobody asked for.
/// </summary>
internal sealed class TableReader
{
    private const decimal BytesPerGigabyte = 1_000_000_000m;

    private readonly TomlTableNode _table;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public TableReader(TomlTableNode table, ConfigSource source)
    {
        _table = table;
        Source = source;
    }

    public ConfigSource Source { get; }

    public string Path => _table.Path;

    public int Line => _table.Line;

    /// <summary>How the table is named in messages: <c>[servers.nfs]</c>, or "the top level".</summary>
    public string DisplayName => _table.Path.Length == 0 ? "the top level" : $"[{_table.Path}]";

    public IReadOnlyList<TomlEntry> Entries => _table.Entries;

    public TomlEntry? Find(string key)
    {
        _known.Add(key);
        return _table.TryGet(key, out var entry) ? entry : null;
    }

    public TableReader? GetTable(string key)
    {
        var entry = Find(key);
        return entry is null ? null : new TableReader(As<TomlTableNode>(entry, "a table"), Source);
    }

    public TableReader GetRequiredTable(string key)
    {
        return GetTable(key) ?? throw Source.Error(
            null, $"missing required table [{Join(key)}]; add it (`zerofs init` writes a documented template)");
    }

    public string? GetString(string key, bool expand)
    {
        var entry = Find(key);
        return entry is null ? null : ReadString(entry, expand);
    }

    public string GetRequiredString(string key, bool expand) =>
        GetString(key, expand) ?? throw MissingKey(key, "a string");

    public string ReadString(TomlEntry entry, bool expand)
    {
        var text = As<string>(entry, "a string");
        return expand ? VariableExpander.Expand(text, entry, Source) : text;
    }

    public bool? GetBoolean(string key)
    {
        var entry = Find(key);
        return entry is null ? null : As<bool>(entry, "a boolean (true or false)");
    }

    public long? GetInteger(string key, long min, long max)
    {
        var entry = Find(key);
        if (entry is null)
        {
            return null;
        }

        var value = As<long>(entry, "an integer");
        if (value < min || value > max)
        {
            throw Source.Error(entry.Line, $"'{entry.Path}' = {value} is out of range; use {min}..{max}");
        }

        return value;
    }

    /// <summary>Reads a decimal-GB size (<c>*_gb</c>, float or integer) and returns bytes.</summary>
    public long? GetGigabytes(string key, decimal minGigabytes = 0)
    {
        var entry = Find(key);
        if (entry is null)
        {
            return null;
        }

        double gigabytes = entry.Value switch
        {
            double d => d,
            long l => l,
            _ => throw TypeError(entry, "a number of decimal GB (1 GB = 10^9 bytes), such as 10 or 0.5"),
        };

        var maxGigabytes = (double)(long.MaxValue / BytesPerGigabyte);
        if (double.IsNaN(gigabytes) || gigabytes < (double)minGigabytes || gigabytes > maxGigabytes)
        {
            throw Source.Error(
                entry.Line,
                $"'{entry.Path}' = {gigabytes.ToString(CultureInfo.InvariantCulture)} is out of range; "
                + $"use {minGigabytes.ToString(CultureInfo.InvariantCulture)} to {Math.Floor(maxGigabytes).ToString(CultureInfo.InvariantCulture)} (decimal GB)");
        }

        return (long)decimal.Round((decimal)gigabytes * BytesPerGigabyte);
    }

    public IReadOnlyList<IPEndPoint>? GetAddresses(string key)
    {
        var entry = Find(key);
        if (entry is null)
        {
            return null;
        }

        var items = As<IReadOnlyList<TomlEntry>>(entry, $"an array of strings, such as [\"127.0.0.1:2049\"]");
        var result = new List<IPEndPoint>(items.Count);
        foreach (var item in items)
        {
            var text = As<string>(item, $"a string {ListenAddressParser.Expected}");
            var expanded = VariableExpander.Expand(text, item, Source);
            if (!ListenAddressParser.TryParse(expanded, out var endPoint, out var problem))
            {
                throw Source.Error(item.Line, $"'{entry.Path}': \"{expanded}\" is not a listen address ({problem}); use {ListenAddressParser.Expected}");
            }

            if (result.Contains(endPoint))
            {
                throw Source.Error(item.Line, $"'{entry.Path}': \"{expanded}\" is listed twice; remove one");
            }

            result.Add(endPoint);
        }

        return result;
    }

    /// <summary>Fails on the first key (in file order) that no Get/Find call asked for.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var entry in _table.Entries)
        {
            if (_known.Contains(entry.Name))
            {
                continue;
            }

            var what = entry.Value is TomlTableNode ? $"table [{entry.Path}]" : $"key '{entry.Path}'";
            var valid = _known.Count == 0 ? "it takes no keys" : $"valid keys in {DisplayName}: {string.Join(", ", _known)}";
            throw Source.Error(entry.Line, $"unknown {what}; {valid}");
        }
    }

    public ConfigException MissingKey(string key, string expected) =>
        Source.Error(Line, $"missing required key '{Join(key)}' ({expected}) in {DisplayName}");

    public ConfigException TypeError(TomlEntry entry, string expected) =>
        Source.Error(entry.Line, $"'{entry.Path}' must be {expected}, not a {entry.TypeName}");

    public T As<T>(TomlEntry entry, string expected) =>
        entry.Value is T value ? value : throw TypeError(entry, expected);

    private string Join(string key) => _table.Path.Length == 0 ? key : $"{_table.Path}.{key}";
}
