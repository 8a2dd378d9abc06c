using System.Diagnostics.CodeAnalysis;

namespace ZeroFs.Hosting.Configuration;

/// <summary>
/// A TOML table after parsing, with the line of every key, so that binding errors can point at the
/// line the user wrote. Built by <see cref="TomlTreeBuilder"/> from Tomlyn's syntax tree.
/// </summary>
internal sealed class TomlTableNode
{
    private readonly Dictionary<string, TomlEntry> _entries = new(StringComparer.Ordinal);
    private readonly List<TomlEntry> _ordered = [];

    public TomlTableNode(string path, int line)
    {
        Path = path;
        Line = line;
    }

    /// <summary>Full dotted name (<c>servers.nfs</c>); empty for the document root.</summary>
    public string Path { get; }

    /// <summary>1-based line where the table is first defined.</summary>
    public int Line { get; }

    /// <summary>Entries in the order they were written.</summary>
    public IReadOnlyList<TomlEntry> Entries => _ordered;

    public bool TryGet(string name, [NotNullWhen(true)] out TomlEntry? entry) => _entries.TryGetValue(name, out entry);

    public void Add(TomlEntry entry)
    {
        _entries.Add(entry.Name, entry);
        _ordered.Add(entry);
    }
}
